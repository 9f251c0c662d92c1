namespace PurifierRental.OrderService.Tests.Domain;

using PurifierRental.OrderService.Domain;

internal static class OrderFixtures
{
    public static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    public static RentalApplication Application(string region = "seoul", DateOnly? date = null, string customerId = "cust-1") => new(
        new Customer(customerId, "김하늘", "010-1234-5678"),
        "PURI-300",
        new InstallationAddress("서울특별시 중구 세종대로 110", "3층", "04524"),
        region,
        date ?? new DateOnly(2026, 12, 1));

    public static Order Placed(string orderId = "o-1") => Order.Place(orderId, Application(), Now).Aggregate;
}
