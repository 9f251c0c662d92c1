namespace DevMesh.Configuration.Resiliency;

/// <summary>
/// <c>matching</c> of a retry policy (Dapr 1.15+). A list that is absent retries every status of its
/// protocol; failures without a status (timeouts, transport errors) are always retried.
/// </summary>
public sealed record RetryMatching(StatusCodeSet? HttpStatusCodes, StatusCodeSet? GrpcStatusCodes)
{
    public bool ShouldRetry(FailureClassification failure)
    {
        if (failure.GrpcStatusCode is { } grpc)
        {
            return GrpcStatusCodes?.Contains(grpc) ?? true;
        }

        if (failure.HttpStatusCode is { } http)
        {
            return HttpStatusCodes?.Contains(http) ?? true;
        }

        return true;
    }
}
