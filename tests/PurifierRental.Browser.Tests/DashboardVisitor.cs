using Microsoft.Playwright;
using PurifierRental.EndToEnd.Tests.Infrastructure;
using PurifierRental.GatewayService.Domain;

namespace PurifierRental.Browser.Tests;

/// <summary>A person at the gateway's pages: a browser context of their own, signed in with their development token.</summary>
public sealed class DashboardVisitor(IBrowserContext context, IPage page) : IAsyncDisposable
{
    /// <summary>Long enough for an order to travel through the mesh on a busy two-core machine.</summary>
    public static readonly float MeshTimeout = 60_000;

    public IPage Page => page;

    public static async Task<DashboardVisitor> SignInAsync(IBrowser browser, GatewayClient gateway, Role role, string subject, string home)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = gateway.Http.BaseAddress!.ToString(),
            ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
        });
        context.SetDefaultTimeout(MeshTimeout);
        // Assertions wait as long: an order's status moves on about a second per event hop (the outbox forwarder's wait).
        Assertions.SetDefaultExpectTimeout(MeshTimeout);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.FillAsync("#token", gateway.TokenFor(role, subject));
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync("**/dashboard/" + home);
        await Assertions.Expect(page.Locator("#who")).ToHaveTextAsync($"{subject} ({RoleNames.Of(role)})");
        return new DashboardVisitor(context, page);
    }

    public async ValueTask DisposeAsync() => await context.DisposeAsync();
}
