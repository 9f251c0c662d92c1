namespace PurifierRental.Contracts.Tests;

/// <summary>
/// The business contracts the services are built against: RPCs, event envelopes and status
/// enums. Changing a row here means changing a contract other services depend on.
/// </summary>
internal static class BusinessContractTable
{
    private const string Order = "purifierrental.order.v1.";
    private const string Center = "purifierrental.managementcenter.v1.";
    private const string Installation = "purifierrental.installation.v1.";
    private const string Status = "purifierrental.orderstatus.v1.";

    /// <summary>Service full name, method, request short name, response short name, server streaming.</summary>
    public static TheoryData<string, string, string, string, bool> Methods => new()
    {
        { Order + "OrderService", "PlaceOrder", "PlaceOrderRequest", "PlaceOrderResponse", false },
        { Order + "OrderService", "CancelOrder", "CancelOrderRequest", "CancelOrderResponse", false },
        { Order + "OrderService", "GetOrder", "GetOrderRequest", "GetOrderResponse", false },
        { Order + "OrderService", "ListCustomerOrders", "ListCustomerOrdersRequest", "ListCustomerOrdersResponse", false },
        { Center + "ManagementCenterService", "RegisterEngineer", "RegisterEngineerRequest", "RegisterEngineerResponse", false },
        { Center + "ManagementCenterService", "ListEngineers", "ListEngineersRequest", "ListEngineersResponse", false },
        { Center + "ManagementCenterService", "GetAssignment", "GetAssignmentRequest", "GetAssignmentResponse", false },
        { Center + "ManagementCenterService", "ListAssignments", "ListAssignmentsRequest", "ListAssignmentsResponse", false },
        { Installation + "InstallationService", "ListInstallations", "ListInstallationsRequest", "ListInstallationsResponse", false },
        { Installation + "InstallationService", "GetInstallation", "GetInstallationRequest", "GetInstallationResponse", false },
        { Installation + "InstallationService", "CompleteInstallation", "CompleteInstallationRequest", "CompleteInstallationResponse", false },
        { Installation + "InstallationService", "CancelInstallation", "CancelInstallationRequest", "CancelInstallationResponse", false },
        { Status + "OrderStatusService", "GetOrderStatus", "GetOrderStatusRequest", "GetOrderStatusResponse", false },
        { Status + "OrderStatusService", "ListOrderStatuses", "ListOrderStatusesRequest", "ListOrderStatusesResponse", false },
        { Status + "OrderStatusService", "WatchOrderStatuses", "WatchOrderStatusesRequest", "WatchOrderStatusesResponse", true },
    };

    /// <summary>Envelope full name, its topic, and the oneof cases as "field_name=MessageFullName".</summary>
    public static TheoryData<string, string, string[]> Envelopes => new()
    {
        {
            Order + "OrderEvent", "order-events",
            [
                "order_placed=" + Order + "OrderPlaced",
                "order_cancellation_requested=" + Order + "OrderCancellationRequested",
                "order_completed=" + Order + "OrderCompleted",
                "order_cancelled=" + Order + "OrderCancelled",
            ]
        },
        {
            Center + "AssignmentEvent", "assignment-events",
            [
                "engineer_assigned=" + Center + "EngineerAssigned",
                "assignment_pending=" + Center + "AssignmentPending",
                "cancellation_rejected=" + Center + "CancellationRejected",
            ]
        },
        {
            Installation + "InstallationEvent", "installation-events",
            [
                "installation_scheduled=" + Installation + "InstallationScheduled",
                "installation_completed=" + Installation + "InstallationCompleted",
                "installation_cancelled=" + Installation + "InstallationCancelled",
            ]
        },
    };

    /// <summary>Status enum full name and its values in number order.</summary>
    public static TheoryData<string, string[]> StatusEnums => new()
    {
        {
            Order + "OrderStatus",
            [
                "ORDER_STATUS_UNSPECIFIED", "ORDER_STATUS_PLACED", "ORDER_STATUS_CANCELLATION_REQUESTED",
                "ORDER_STATUS_COMPLETED", "ORDER_STATUS_CANCELLED",
            ]
        },
        {
            Center + "AssignmentStatus",
            [
                "ASSIGNMENT_STATUS_UNSPECIFIED", "ASSIGNMENT_STATUS_PENDING", "ASSIGNMENT_STATUS_ASSIGNED",
                "ASSIGNMENT_STATUS_CANCELLING", "ASSIGNMENT_STATUS_CANCELLED", "ASSIGNMENT_STATUS_COMPLETED",
            ]
        },
        {
            Installation + "InstallationStatus",
            [
                "INSTALLATION_STATUS_UNSPECIFIED", "INSTALLATION_STATUS_SCHEDULED",
                "INSTALLATION_STATUS_COMPLETED", "INSTALLATION_STATUS_CANCELLED",
            ]
        },
        {
            Status + "ProgressStatus",
            [
                "PROGRESS_STATUS_UNSPECIFIED", "PROGRESS_STATUS_PLACED", "PROGRESS_STATUS_ASSIGNMENT_PENDING",
                "PROGRESS_STATUS_ENGINEER_ASSIGNED", "PROGRESS_STATUS_INSTALLATION_SCHEDULED",
                "PROGRESS_STATUS_COMPLETED", "PROGRESS_STATUS_CANCELLED",
            ]
        },
    };

    /// <summary>Read-model fields customers and staff depend on: message, field, type.</summary>
    public static TheoryData<string, string, string> ReadModelFields => new()
    {
        { Status + "OrderProgress", "order_id", "string" },
        { Status + "OrderProgress", "status", Status + "ProgressStatus" },
        { Status + "OrderProgress", "cancellation_pending", "bool" },
        { Status + "OrderProgress", "customer", Order + "Customer" },
        { Status + "OrderProgress", "region", "string" },
        { Status + "OrderProgress", "engineer", Center + "AssignedEngineer" },
        { Status + "OrderProgress", "transitions", "repeated " + Status + "StatusTransition" },
        { Status + "OrderProgress", "last_changed_at", "google.protobuf.Timestamp" },
        { Status + "OrderProgress", "version", "int64" },
        { Status + "StatusTransition", "previous_status", Status + "ProgressStatus" },
        { Status + "StatusTransition", "status", Status + "ProgressStatus" },
        { Status + "StatusTransition", "changed_at", "google.protobuf.Timestamp" },
    };
}
