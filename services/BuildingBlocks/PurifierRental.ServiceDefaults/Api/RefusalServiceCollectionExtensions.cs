using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;

namespace PurifierRental.ServiceDefaults.Api;

public static class RefusalServiceCollectionExtensions
{
    /// <summary>Answers <typeparamref name="TException"/> thrown by a call with the status <paramref name="code"/> gives it.</summary>
    public static IServiceCollection AddRefusal<TException>(this IServiceCollection services, Func<TException, StatusCode> code,
        Func<TException, string?>? field = null)
        where TException : Exception =>
        services.AddSingleton(new RefusalRule(typeof(TException), e => code((TException)e), e => field?.Invoke((TException)e)));
}
