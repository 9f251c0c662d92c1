namespace PurifierRental.OrderService.Tests.Domain;

using PurifierRental.OrderService.Domain;
using static OrderFixtures;

public class RentalApplicationRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);

    [Fact]
    public void A_complete_application_is_accepted()
    {
        RentalApplicationRules.Validate(Application(), Today);
    }

    [Fact]
    public void Every_problem_is_reported_at_once_by_field()
    {
        var application = new RentalApplication(new Customer("", "", "call me"), "", new InstallationAddress("", "", ""), "Seoul!", Today.AddDays(-1));

        var refusal = Assert.Throws<OrderRuleViolation>(() => RentalApplicationRules.Validate(application, Today));

        Assert.Equal(OrderRuleKind.InvalidApplication, refusal.Kind);
        foreach (var field in new[] { "customer.customer_id", "customer.name", "customer.phone", "product_code", "installation_address.address_line", "region", "preferred_installation_date" })
        {
            Assert.Contains(field, refusal.Message);
        }
    }

    [Theory]
    [InlineData("cust 1")]
    [InlineData("cust\u00071")]
    [InlineData("c0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789")]
    public void Customer_ids_follow_the_one_id_rule(string customerId)
    {
        var refusal = Assert.Throws<OrderRuleViolation>(() => RentalApplicationRules.Validate(Application(customerId: customerId), Today));

        Assert.Contains("customer.customer_id must be 1 to 128 printable characters without spaces", refusal.Message);
    }

    [Theory]
    [InlineData("auth0|5f7c1e")]
    [InlineData("ü-kim")]
    [InlineData("a||b")]
    public void Identity_providers_subjects_are_customer_ids(string customerId)
    {
        Assert.Null(Record.Exception(() => RentalApplicationRules.Validate(Application(customerId: customerId), Today)));
    }

    [Fact]
    public void Oversized_text_is_refused()
    {
        var application = Application() with { ProductCode = new string('x', RentalApplicationRules.MaxTextLength + 1) };

        var refusal = Assert.Throws<OrderRuleViolation>(() => RentalApplicationRules.Validate(application, Today));

        Assert.Contains("product_code is longer than 200 characters", refusal.Message);
    }

    [Fact]
    public void Dates_beyond_the_booking_horizon_are_refused()
    {
        var refusal = Assert.Throws<OrderRuleViolation>(() => RentalApplicationRules.Validate(Application(date: Today.AddDays(400)), Today));

        Assert.Contains("within 365 days", refusal.Message);
    }
}
