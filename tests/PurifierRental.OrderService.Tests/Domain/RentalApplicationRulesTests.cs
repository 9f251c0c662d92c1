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
    [InlineData("cust||1")]
    [InlineData("cust 1")]
    [InlineData("ü")]
    public void Customer_ids_are_kept_to_a_key_safe_alphabet(string customerId)
    {
        var refusal = Assert.Throws<OrderRuleViolation>(() => RentalApplicationRules.Validate(Application(customerId: customerId), Today));

        Assert.Contains("customer.customer_id may hold only", refusal.Message);
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
