using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.FileProviders;

namespace PurifierRental.GatewayService.Adapters.Dashboard;

/// <summary>
/// The pages people work in, under <c>/dashboard</c>: sign-in, the staff board, the customer's and the engineer's
/// page. They are plain HTML, CSS and script built into the gateway, and they hold no data: every figure comes from
/// the JSON API with the bearer token the person signed in with, so the pages themselves are public and the role
/// rules stay where they are.
/// </summary>
public static class DashboardPages
{
    public const string Path = "/dashboard";

    /// <summary>
    /// Scripts and styles only from the gateway itself, nothing inline, no framing: a page that holds a bearer token
    /// runs no code but its own.
    /// </summary>
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    public static WebApplication MapDashboard(this WebApplication app)
    {
        var files = new EmbeddedFileProvider(typeof(DashboardPages).Assembly, typeof(DashboardPages).Namespace + ".Pages");
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files, RequestPath = Path });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            RequestPath = Path,
            OnPrepareResponse = page => Harden(page.Context.Response.Headers),
        });
        app.MapGet("/", () => Results.Redirect(Path + "/")).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static void Harden(IHeaderDictionary headers)
    {
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        // Pages change with the gateway; a browser asks again rather than keep an old script.
        headers.CacheControl = "no-cache";
    }
}
