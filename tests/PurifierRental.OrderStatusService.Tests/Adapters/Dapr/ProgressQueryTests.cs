using PurifierRental.OrderStatusService.Adapters.Dapr;
using PurifierRental.OrderStatusService.Application;
using PurifierRental.OrderStatusService.Domain;

namespace PurifierRental.OrderStatusService.Tests.Adapters.Dapr;

public sealed class ProgressQueryTests
{
    private const string Sort = "\"sort\":[{\"key\":\"lastChangedAt\",\"order\":\"DESC\"},{\"key\":\"orderId\",\"order\":\"ASC\"}]";

    [Fact]
    public void No_filter_lists_everything_most_recently_changed_first() =>
        Assert.Equal("{" + Sort + ",\"page\":{\"limit\":20}}", ProgressQuery.Build(ProgressFilter.All, 20, null));

    [Fact]
    public void One_filter_stands_alone_because_AND_needs_two_operands() =>
        Assert.Equal("""{"filter":{"EQ":{"region":"seoul"}},""" + Sort + ",\"page\":{\"limit\":5}}",
            ProgressQuery.Build(new ProgressFilter(Region: "seoul"), 5, null));

    [Fact]
    public void Two_filters_are_joined_with_AND_and_the_token_is_passed_through() =>
        Assert.Equal("""{"filter":{"AND":[{"EQ":{"status":"PLACED"}},{"EQ":{"region":"seoul"}}]},""" + Sort + ",\"page\":{\"limit\":20,\"token\":\"40\"}}",
            ProgressQuery.Build(new ProgressFilter(ProgressStatus.Placed, "seoul"), 20, "40"));

    [Fact]
    public void All_three_filters_compare_the_stored_text() =>
        Assert.Equal("""{"filter":{"AND":[{"EQ":{"status":"INSTALLATION_SCHEDULED"}},{"EQ":{"region":"seoul"}},{"EQ":{"customerId":"customer-7"}}]},""" + Sort + ",\"page\":{\"limit\":100}}",
            ProgressQuery.Build(new ProgressFilter(ProgressStatus.InstallationScheduled, "seoul", "customer-7"), 100, null));
}
