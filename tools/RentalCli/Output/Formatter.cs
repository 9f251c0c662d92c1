using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using PurifierRental.Installation.V1;
using PurifierRental.ManagementCenter.V1;
using PurifierRental.Order.V1;
using PurifierRental.OrderStatus.V1;

namespace RentalCli.Output;

/// <summary>The text people read for each response, and for each failure.</summary>
internal static class Formatter
{
    private static readonly string NewLine = Environment.NewLine;

    public static string Placed(PlaceOrderResponse response) =>
        $"Order {response.Order.OrderId} placed: {EnumNames.Of(response.Order.Status)}.";

    public static string CancellationRequested(CancelOrderResponse response) =>
        $"Cancellation of order {response.Order.OrderId} requested: {EnumNames.Of(response.Order.Status)}.";

    public static string Order(Order order) => new Details()
        .Add("Order", order.OrderId)
        .Add("Status", EnumNames.Of(order.Status))
        .Add("Customer", Customer(order.Customer))
        .Add("Product", order.ProductCode)
        .Add("Address", Address(order.InstallationAddress))
        .Add("Region", order.Region)
        .Add("Preferred date", order.PreferredInstallationDate)
        .Add("Placed", Time(order.PlacedAt))
        .Add("Completed", Time(order.CompletedAt))
        .Add("Cancelled", Time(order.CancelledAt))
        .Add("Cancel reason", order.CancelReason)
        .Add("Cancel refused", order.CancellationRejectionReason)
        .Add("Last changed", Time(order.LastChangedAt))
        .ToString();

    public static string Orders(ListCustomerOrdersResponse response) => Page(
        response.Orders, "No orders.", ["ORDER", "STATUS", "PRODUCT", "REGION", "PREFERRED", "PLACED"],
        order => [order.OrderId, EnumNames.Of(order.Status), order.ProductCode, order.Region, order.PreferredInstallationDate, Time(order.PlacedAt)],
        response.NextPageToken);

    public static string Engineers(ListEngineersResponse response) => Page(
        response.Engineers, "No engineers.", ["ENGINEER", "NAME", "PHONE", "REGION", "ACTIVE"],
        engineer => [engineer.EngineerId, engineer.Name, engineer.Phone, engineer.Region, engineer.ActiveAssignments.ToString(CultureInfo.InvariantCulture)],
        response.NextPageToken);

    public static string Registered(RegisterEngineerResponse response) =>
        $"Engineer {response.Engineer.EngineerId} registered: {response.Engineer.Name}, region {response.Engineer.Region}.";

    public static string Assignment(Assignment assignment) => new Details()
        .Add("Order", assignment.OrderId)
        .Add("Status", EnumNames.Of(assignment.Status))
        .Add("Region", assignment.Region)
        .Add("Engineer", Engineer(assignment.Engineer))
        .Add("Customer", Customer(assignment.Customer))
        .Add("Product", assignment.ProductCode)
        .Add("Address", Address(assignment.InstallationAddress))
        .Add("Preferred date", assignment.PreferredInstallationDate)
        .Add("Placed", Time(assignment.PlacedAt))
        .Add("Assigned", Time(assignment.AssignedAt))
        .Add("Cancel reason", assignment.CancelReason)
        .Add("Cancel refused", assignment.CancellationRejectionReason)
        .Add("Last changed", Time(assignment.LastChangedAt))
        .ToString();

    public static string Installations(ListInstallationsResponse response) => Page(
        response.Installations, "No installations.", ["ORDER", "STATUS", "DATE", "CUSTOMER", "PRODUCT", "ADDRESS"],
        installation =>
        [
            installation.OrderId, EnumNames.Of(installation.Status), installation.ScheduledDate,
            Customer(installation.Customer), installation.ProductCode, Address(installation.InstallationAddress),
        ],
        response.NextPageToken);

    public static string Completed(CompleteInstallationResponse response)
    {
        var installation = response.Installation;
        var at = installation.CompletedAt is null ? "" : $" at {Time(installation.CompletedAt)}";
        return $"Installation of order {installation.OrderId} {EnumNames.Of(installation.Status)}{at}.";
    }

    public static string Progress(OrderProgress progress)
    {
        var details = new Details()
            .Add("Order", progress.OrderId)
            .Add("Status", StatusText(progress.Status, progress.CancellationPending))
            .Add("Engineer", Engineer(progress.Engineer))
            .Add("Scheduled date", progress.ScheduledDate)
            .Add("Customer", Customer(progress.Customer))
            .Add("Product", progress.ProductCode)
            .Add("Address", Address(progress.InstallationAddress))
            .Add("Region", progress.Region)
            .Add("Preferred date", progress.PreferredInstallationDate)
            .Add("Cancel reason", progress.CancelReason)
            .Add("Cancel refused", progress.CancellationRejectionReason)
            .Add("Placed", Time(progress.PlacedAt))
            .Add("Last changed", Time(progress.LastChangedAt))
            .Add("Version", progress.Version.ToString(CultureInfo.InvariantCulture));
        var transitions = new Table("CHANGED", "EVENT", "STATUS");
        foreach (var transition in progress.Transitions)
        {
            transitions.Add(Time(transition.ChangedAt), transition.EventType, Transition(transition));
        }
        var indented = transitions.ToString().Split(NewLine).Select(line => "  " + line);
        return string.Join(NewLine, [details.ToString(), "Transitions", .. indented]);
    }

    public static string Progresses(ListOrderStatusesResponse response) => Page(
        response.Orders, "No orders.", ["ORDER", "STATUS", "CUSTOMER", "REGION", "ENGINEER", "CHANGED"],
        progress =>
        [
            progress.OrderId, StatusText(progress.Status, progress.CancellationPending), progress.Customer?.CustomerId ?? "",
            progress.Region, progress.Engineer?.EngineerId ?? "", Time(progress.LastChangedAt),
        ],
        response.NextPageToken);

    /// <summary>
    /// One line per change of a watched order. The version tells two changes apart that leave the status as it
    /// was (an event that only adds details).
    /// </summary>
    public static string Change(OrderProgress progress) => string.Create(CultureInfo.InvariantCulture,
        $"{Time(progress.LastChangedAt)}  order {progress.OrderId}  {StatusText(progress.Status, progress.CancellationPending)}  (version {progress.Version})");

    public static string Reached(OrderProgress progress) =>
        $"Order {progress.OrderId} is {StatusText(progress.Status, progress.CancellationPending)}.";

    /// <summary>A failed call as gRPC tools print it: the status code's name, then the server's message.</summary>
    public static string Error(Status status) => string.IsNullOrEmpty(status.Detail)
        ? EnumNames.Of(status.StatusCode)
        : $"{EnumNames.Of(status.StatusCode)}: {status.Detail}";

    public static string GatewayUnreachable(int port) =>
        $"UNAVAILABLE: no gateway answers on 127.0.0.1:{port}. The mesh may not be running: start it with scripts/run.sh, "
        + "or point to the gateway's gRPC port with --gateway-port (or RENTAL_GATEWAY_PORT).";

    public static string Duration(TimeSpan duration) => duration.Milliseconds == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds}s")
        : string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMilliseconds}ms");

    private static string Page<T>(IReadOnlyCollection<T> items, string none, string[] headers, Func<T, string[]> row, string nextPageToken)
    {
        var text = items.Count == 0 ? none : items.Aggregate(new Table(headers), (table, item) => table.Add(row(item))).ToString();
        return string.IsNullOrEmpty(nextPageToken) ? text : $"{text}{NewLine}More: repeat with --page-token {nextPageToken}";
    }

    private static string StatusText(ProgressStatus status, bool cancellationPending) =>
        cancellationPending ? $"{EnumNames.Of(status)} (cancellation pending)" : EnumNames.Of(status);

    private static string Transition(StatusTransition transition)
    {
        var status = StatusText(transition.Status, transition.CancellationPending);
        var change = transition.PreviousStatus == transition.Status || transition.PreviousStatus == ProgressStatus.Unspecified
            ? status
            : $"{EnumNames.Of(transition.PreviousStatus)} -> {status}";
        return string.IsNullOrEmpty(transition.Reason) ? change : $"{change}: {transition.Reason}";
    }

    private static string Customer(Customer? customer) => customer is null
        ? ""
        : Join(", ", Person(customer.Name, customer.CustomerId), customer.Phone);

    private static string Engineer(AssignedEngineer? engineer) => engineer is null
        ? ""
        : Join(", ", Person(engineer.Name, engineer.EngineerId), engineer.Phone, engineer.Region);

    private static string Address(InstallationAddress? address) => address is null
        ? ""
        : Join(", ", address.AddressLine, address.AddressDetail, address.PostalCode);

    private static string Person(string name, string id) => string.IsNullOrEmpty(name) ? id : $"{name} ({id})";

    private static string Join(string separator, params string[] parts) =>
        string.Join(separator, parts.Where(part => !string.IsNullOrEmpty(part)));

    private static string Time(Timestamp? timestamp) =>
        timestamp?.ToDateTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "";
}
