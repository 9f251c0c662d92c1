using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using PurifierRental.EndToEnd.Tests.Infrastructure;
using PurifierRental.GatewayService.Domain;
using PurifierRental.Installation.V1;
using static Microsoft.Playwright.Assertions;

namespace PurifierRental.Browser.Tests;

/// <summary>The staff board, the customer's page and the engineer's page in Chromium, over the running mesh.</summary>
[Collection(MeshCollection.Name)]
public sealed class DashboardTests(MeshFixture mesh, ChromiumBrowser chromium) : IClassFixture<ChromiumBrowser>, IDisposable
{
    /// <summary>Where a test run leaves its picture of the board (the README's screenshot is taken this way).</summary>
    private const string ScreenshotVariable = "DASHBOARD_SCREENSHOT";

    private readonly GatewayClient _gateway = new(mesh);
    private readonly Rental _rental = new(mesh.Client);

    [Fact]
    public async Task Staff_see_an_order_placed_through_the_API_appear_on_the_board_and_reach_installation_scheduled_without_a_reload()
    {
        var region = NewRegion();
        var engineer = await _rental.RegisterEngineerAsync(region, "Kim Minjun");
        await using var staff = await DashboardVisitor.SignInAsync(chromium.Browser, _gateway, Role.Staff, "staff-board", "board.html");
        var page = staff.Page;
        await Expect(page.Locator($"#load [data-region='{region}']")).ToContainTextAsync("1 engineer, 0 active");
        // Anything a reload would wipe out: it must still be there at the end.
        await page.EvaluateAsync("() => { window.sameDocument = 'no reload'; }");

        var orderId = await PlaceAsync(region, "cust-" + Guid.NewGuid().ToString("N")[..8]);

        var card = page.Locator($"#board tr[data-region='{region}'] .card[data-order-id='{orderId}']");
        await Expect(card).ToBeVisibleAsync();
        await Expect(card).ToHaveAttributeAsync("data-status", "PROGRESS_STATUS_INSTALLATION_SCHEDULED");
        await Expect(page.Locator($"#board tr[data-region='{region}'] td[data-status='PROGRESS_STATUS_INSTALLATION_SCHEDULED'] [data-order-id='{orderId}']")).ToBeVisibleAsync();
        await Expect(page.Locator($"#load [data-region='{region}']")).ToContainTextAsync("1 engineer, 1 active");
        Assert.Equal("no reload", await page.EvaluateAsync<string>("() => window.sameDocument"));
        // The order's changes came over the gateway's event stream, which the page shows as live.
        await Expect(page.Locator("#live")).ToHaveAttributeAsync("data-state", "live");

        await card.ClickAsync();
        await Expect(page.Locator("#timeline-order")).ToHaveTextAsync(orderId);
        await Expect(page.Locator("#timeline li[data-status='PROGRESS_STATUS_INSTALLATION_SCHEDULED']")).ToBeVisibleAsync();
        await Expect(page.Locator("#timeline")).ToContainTextAsync(engineer.Name);
        await Expect(page.Locator("#rate svg rect")).ToHaveCountAsync(30);

        if (Environment.GetEnvironmentVariable(ScreenshotVariable) is { Length: > 0 } screenshot)
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        }
    }

    [Fact]
    public async Task A_customer_follows_their_own_order_and_cannot_open_another_customers()
    {
        var region = NewRegion();
        await _rental.RegisterEngineerAsync(region, "Lee Seoyeon");
        var someoneElses = await PlaceAsync(region, "cust-" + Guid.NewGuid().ToString("N")[..8]);
        var customer = "cust-" + Guid.NewGuid().ToString("N")[..8];
        await using var visitor = await DashboardVisitor.SignInAsync(chromium.Browser, _gateway, Role.Customer, customer, "customer.html");
        var page = visitor.Page;
        // A new customer's stream carries nothing yet; the page is live as soon as the gateway's watch is in place.
        await Expect(page.Locator("#live")).ToHaveAttributeAsync("data-state", "live");

        await page.FillAsync("#place [name=name]", "Park Jiho");
        await page.FillAsync("#place [name=phone]", "010-1234-5678");
        await page.FillAsync("#place [name=addressLine]", "서울특별시 중구 세종대로 110");
        await page.FillAsync("#place [name=postalCode]", "04524");
        await page.FillAsync("#place [name=region]", region);
        await page.FillAsync("#place [name=preferredInstallationDate]", DateTime.UtcNow.AddDays(7).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.ClickAsync("#place button[type=submit]");
        await Expect(page.Locator("#placed")).ToContainTextAsync("placed.");
        var placed = (await page.Locator("#placed").TextContentAsync())!.Split(' ')[1];
        var mine = page.Locator($"#orders li[data-order-id='{placed}']");
        await Expect(mine).ToHaveAttributeAsync("data-status", "PROGRESS_STATUS_INSTALLATION_SCHEDULED");

        await page.FillAsync("#open [name=orderId]", someoneElses);
        await page.ClickAsync("#open button[type=submit]");
        await Expect(page.Locator("#order .error")).ToHaveTextAsync("This order belongs to another customer.");
        await Expect(page.Locator($"[data-order-id='{someoneElses}']")).ToHaveCountAsync(0);

        await mine.Locator("button").ClickAsync();
        await Expect(page.Locator($"#order article[data-order-id='{placed}'] .timeline li")).Not.ToHaveCountAsync(0);
    }

    [Fact]
    public async Task An_engineer_completes_a_work_order_from_their_page()
    {
        var region = NewRegion();
        var engineer = (await _rental.RegisterEngineerAsync(region, "Choi Yuna")).EngineerId;
        var orderId = await PlaceAsync(region, "cust-" + Guid.NewGuid().ToString("N")[..8]);
        await Eventually.TrueAsync(async () => (await _rental.InstallationsOfAsync(engineer)).Any(i => i.OrderId == orderId),
            TimeSpan.FromSeconds(60), "the work order in its engineer's list");
        await using var visitor = await DashboardVisitor.SignInAsync(chromium.Browser, _gateway, Role.Engineer, engineer, "engineer.html");
        var row = visitor.Page.Locator($"#work-orders tr[data-order-id='{orderId}']");

        await Expect(row).ToHaveAttributeAsync("data-status", "INSTALLATION_STATUS_SCHEDULED");
        await row.GetByRole(AriaRole.Button, new() { Name = "Complete" }).ClickAsync();

        await Expect(row).ToHaveAttributeAsync("data-status", "INSTALLATION_STATUS_COMPLETED");
        await Expect(row.Locator(".status")).ToHaveTextAsync("Completed");
        Assert.Equal(InstallationStatus.Completed, (await _rental.GetInstallationAsync(orderId)).Status);
    }

    [Fact]
    public async Task The_pages_run_only_the_gateways_own_scripts_and_send_a_visitor_without_a_token_to_sign_in()
    {
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _gateway.Http.BaseAddress!.ToString() });
        var page = await context.NewPageAsync();

        var response = await page.GotoAsync("/dashboard/board.html");
        var policy = await response!.HeaderValueAsync("content-security-policy");
        Assert.Contains("script-src 'self'", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.Equal("nosniff", await response.HeaderValueAsync("x-content-type-options"));

        await page.WaitForURLAsync("**/dashboard/");
        await Expect(page.Locator("#sign-in")).ToBeVisibleAsync();
        await page.FillAsync("#token", "not-a-token");
        await page.ClickAsync("button[type=submit]");
        await Expect(page.Locator("#message")).ToContainTextAsync("not a valid, unexpired token");
    }

    public void Dispose() => _gateway.Dispose();

    /// <summary>A region of the test's own, so that its engineer's load is its orders' alone.</summary>
    private static string NewRegion() => "region-" + Guid.NewGuid().ToString("N")[..6];

    /// <summary>Places an order through the gateway's JSON API as <paramref name="customer"/>; returns its id.</summary>
    private async Task<string> PlaceAsync(string region, string customer)
    {
        var application = JsonNode.Parse(Google.Protobuf.JsonFormatter.Default.Format(Rental.Application(region)))!;
        application["customer"]!.AsObject().Remove("customerId");
        application["customer"]!["name"] = "Jung Hyunwoo";
        using var response = await _gateway.Http.SendAsync(_gateway.Request(HttpMethod.Post, "/api/orders", Role.Customer, customer, application.ToJsonString()));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        return body["order"]!["orderId"]!.GetValue<string>();
    }
}
