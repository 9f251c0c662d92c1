using PurifierRental.GatewayService.Domain;

namespace PurifierRental.GatewayService.Tests.Domain;

public class AccessRulesTests
{
    private static readonly Caller Customer = As(Role.Customer, "cust-1");
    private static readonly Caller Engineer = As(Role.Engineer, "eng-1");
    private static readonly Caller Staff = As(Role.Staff, "staff-1");
    private static readonly Caller NoRole = new("someone", new HashSet<Role>());

    [Fact]
    public void Without_a_token_every_rule_asks_to_sign_in()
    {
        Action[] calls =
        [
            () => AccessRules.PlaceOrder(null, ""),
            () => AccessRules.ActOnOrder(null, "cust-1"),
            () => AccessRules.CustomerOrders(null, ""),
            () => AccessRules.ProgressOf(null, ""),
            () => AccessRules.WorkOrdersOf(null, ""),
            () => AccessRules.SeeWorkOrder(null, "eng-1"),
            () => AccessRules.CompleteWorkOrder(null, "", "eng-1"),
            () => throw AccessRules.CancelWorkOrder(null),
            () => AccessRules.BackOffice(null),
        ];
        foreach (var call in calls)
        {
            var refused = Assert.Throws<AccessRefusedException>(call);
            Assert.Equal((AccessRefusal.NotSignedIn, AccessRules.NotSignedInMessage), (refused.Refusal, refused.Message));
        }
    }

    [Fact]
    public void A_customer_places_orders_as_themselves_only()
    {
        Assert.Equal("cust-1", AccessRules.PlaceOrder(Customer, ""));
        Assert.Equal("cust-1", AccessRules.PlaceOrder(Customer, "cust-1"));
        Refused(() => AccessRules.PlaceOrder(Customer, "cust-2"), "A customer places orders only for themselves.");
        Refused(() => AccessRules.PlaceOrder(Staff, "cust-1"), "Only a customer places an order, for themselves.");
        Refused(() => AccessRules.PlaceOrder(Engineer, ""), "Only a customer places an order, for themselves.");
    }

    [Fact]
    public void An_order_is_seen_and_cancelled_by_its_customer_and_staff()
    {
        AccessRules.ActOnOrder(Customer, "cust-1");
        AccessRules.ActOnOrder(Staff, "cust-1");
        Refused(() => AccessRules.ActOnOrder(Customer, "cust-2"), "This order belongs to another customer.");
        Refused(() => AccessRules.ActOnOrder(Engineer, "cust-1"), "This order belongs to another customer.");
        Refused(() => AccessRules.ActOnOrder(As(Role.Customer, "cust-2"), "cust-1"), "This order belongs to another customer.");
    }

    [Fact]
    public void Listings_of_orders_and_progress_are_a_customers_own_or_anyones_for_staff()
    {
        Assert.Equal("cust-1", AccessRules.CustomerOrders(Customer, ""));
        Assert.Equal("cust-1", AccessRules.ProgressOf(Customer, "cust-1"));
        Assert.Equal("cust-9", AccessRules.CustomerOrders(Staff, "cust-9"));
        Assert.Equal("", AccessRules.ProgressOf(Staff, ""));
        Refused(() => AccessRules.ProgressOf(Customer, "cust-2"), "A customer sees only their own orders.");
        Refused(() => AccessRules.CustomerOrders(Engineer, ""), "Only customers and staff see orders.");
        Refused(() => AccessRules.ProgressOf(NoRole, ""), "Only customers and staff see orders.");
    }

    [Fact]
    public void Work_orders_are_an_engineers_own_or_anyones_for_staff()
    {
        Assert.Equal("eng-1", AccessRules.WorkOrdersOf(Engineer, ""));
        Assert.Equal("eng-7", AccessRules.WorkOrdersOf(Staff, "eng-7"));
        AccessRules.SeeWorkOrder(Engineer, "eng-1");
        AccessRules.SeeWorkOrder(Staff, "eng-1");
        Refused(() => AccessRules.WorkOrdersOf(Engineer, "eng-2"), "An engineer sees only their own work orders.");
        Refused(() => AccessRules.WorkOrdersOf(Customer, ""), "Only engineers and staff see work orders.");
        Refused(() => AccessRules.SeeWorkOrder(Engineer, "eng-2"), "This work order belongs to another engineer.");
        Refused(() => AccessRules.SeeWorkOrder(Customer, "eng-1"), "This work order belongs to another engineer.");
    }

    [Fact]
    public void A_work_order_is_completed_by_its_engineer_or_by_staff_on_their_behalf_and_cancelled_by_nobody()
    {
        Assert.Equal("eng-1", AccessRules.CompleteWorkOrder(Engineer, "", "eng-1"));
        Assert.Equal("eng-1", AccessRules.CompleteWorkOrder(Staff, "", "eng-1"));
        Assert.Equal("eng-1", AccessRules.CompleteWorkOrder(Staff, "eng-2", "eng-1"));
        Refused(() => AccessRules.CompleteWorkOrder(Engineer, "", "eng-2"), "This work order belongs to another engineer.");
        Refused(() => AccessRules.CompleteWorkOrder(Engineer, "eng-2", "eng-2"), "An engineer completes only their own work orders.");
        Refused(() => AccessRules.CompleteWorkOrder(Customer, "", "eng-1"), "Only the assigned engineer or staff complete a work order.");
        foreach (var caller in new[] { Customer, Engineer, Staff })
        {
            Assert.Equal(AccessRefusal.NotAllowed, AccessRules.CancelWorkOrder(caller).Refusal);
        }
    }

    [Fact]
    public void The_roster_and_assignments_are_staffs_only()
    {
        AccessRules.BackOffice(Staff);
        AccessRules.BackOffice(new Caller("ops", new HashSet<Role> { Role.Engineer, Role.Staff }));
        Refused(() => AccessRules.BackOffice(Customer), "Only staff see and keep the engineer roster and the assignments.");
        Refused(() => AccessRules.BackOffice(Engineer), "Only staff see and keep the engineer roster and the assignments.");
    }

    private static Caller As(Role role, string subject) => new(subject, new HashSet<Role> { role });

    private static void Refused(Action call, string message)
    {
        var refused = Assert.Throws<AccessRefusedException>(call);
        Assert.Equal((AccessRefusal.NotAllowed, message), (refused.Refusal, refused.Message));
    }

    private static void Refused(Func<string> call, string message) => Refused(() => { call(); }, message);
}
