using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PurifierRental.GatewayService.Adapters.Identity;
using PurifierRental.GatewayService.Domain;

namespace PurifierRental.GatewayService.Adapters.Http;

/// <summary>
/// One JSON call: who calls, the request, the desk, and the answer. Refusals become problem details with the
/// plain message: 401 (with <c>WWW-Authenticate: Bearer</c>) and 403 from the role rules, a service's gRPC status
/// as its HTTP equivalent, 400 for a request that does not parse.
/// </summary>
internal static class HttpCall
{
    /// <summary>How long the gateway waits for a service on a person's behalf.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    public static Task<IResult> FromQueryAsync<TRequest, TResponse>(HttpContext http, Func<Caller?, TRequest, CallOptions, Task<TResponse>> call)
        where TRequest : IMessage<TRequest>, new()
        where TResponse : IMessage =>
        RunAsync(http, () => Task.FromResult(ProtoJson.FromQuery<TRequest>(http)), call);

    public static Task<IResult> FromBodyAsync<TRequest, TResponse>(HttpContext http, Func<Caller?, TRequest, CallOptions, Task<TResponse>> call)
        where TRequest : IMessage<TRequest>, new()
        where TResponse : IMessage =>
        RunAsync(http, () => ProtoJson.FromBodyAsync<TRequest>(http), call);

    public static CallOptions Onward(HttpContext http, bool streaming = false) =>
        new(deadline: streaming ? null : DateTime.UtcNow + Deadline, cancellationToken: http.RequestAborted);

    /// <summary>Runs <paramref name="call"/> and turns what it throws into the answer; null when it throws nothing.</summary>
    public static async Task<IResult?> RefusalOfAsync(HttpContext http, Func<Task> call)
    {
        try
        {
            await call();
            return null;
        }
        catch (AccessRefusedException e) when (e.Refusal == AccessRefusal.NotSignedIn)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return Problem(StatusCodes.Status401Unauthorized, e.Message);
        }
        catch (AccessRefusedException e)
        {
            return Problem(StatusCodes.Status403Forbidden, e.Message);
        }
        catch (Exception e) when (e is InvalidJsonException or InvalidProtocolBufferException)
        {
            return Problem(StatusCodes.Status400BadRequest, e.Message);
        }
        catch (BadHttpRequestException e)
        {
            return Problem(e.StatusCode, e.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? "The request is larger than the gateway accepts."
                : e.Message);
        }
        catch (RpcException e) when (e.StatusCode != StatusCode.Cancelled || !http.RequestAborted.IsCancellationRequested)
        {
            if (e.StatusCode is StatusCode.Internal or StatusCode.Unknown)
            {
                http.RequestServices.GetRequiredService<ILogger<HttpCallLog>>().LogWarning(e, "{Path} failed in a service.", http.Request.Path);
            }
            return Problem(HttpStatusOf.Grpc(e.StatusCode), e.Status.Detail);
        }
    }

    private static async Task<IResult> RunAsync<TRequest, TResponse>(HttpContext http, Func<Task<TRequest>> read,
        Func<Caller?, TRequest, CallOptions, Task<TResponse>> call)
        where TRequest : IMessage<TRequest>, new()
        where TResponse : IMessage
    {
        TResponse? response = default;
        var refusal = await RefusalOfAsync(http, async () =>
        {
            // Who calls is settled before the request is read: an anonymous caller learns nothing but "sign in".
            var caller = AccessRules.SignedIn(CallerIdentity.Of(http.User));
            response = await call(caller, await read(), Onward(http));
        });
        return refusal ?? ProtoJson.Result(response!);
    }

    private static IResult Problem(int status, string detail) => Results.Problem(detail: detail, statusCode: status);
}
