namespace DevMesh.Configuration.Resiliency;

/// <summary>
/// How one attempt ended, as the resiliency engine needs to know it: whether it failed (for the
/// circuit breaker and retries) and with which status (for <c>matching.*StatusCodes</c>).
/// </summary>
public readonly record struct FailureClassification
{
    private FailureClassification(bool isFailure, int? grpcStatusCode, int? httpStatusCode, bool isPermanent = false)
    {
        IsFailure = isFailure;
        GrpcStatusCode = grpcStatusCode;
        HttpStatusCode = httpStatusCode;
        IsPermanent = isPermanent;
    }

    public bool IsFailure { get; }

    /// <summary>A failure the breaker counts but no retry may repeat (daprd's permanent errors).</summary>
    public bool IsPermanent { get; }

    public int? GrpcStatusCode { get; }

    public int? HttpStatusCode { get; }

    public static FailureClassification Success { get; }

    /// <summary>A failure without a status (a timeout, a transport error): always eligible for retry.</summary>
    public static FailureClassification Failure { get; } = new(true, null, null);

    /// <summary>OK (0) is a success; every other gRPC status is a failure, as in daprd.</summary>
    public static FailureClassification FromGrpcStatus(int statusCode) =>
        statusCode == 0 ? Success : new FailureClassification(true, statusCode, null);

    /// <summary>2xx and 3xx are successes; any other HTTP status is a failure.</summary>
    public static FailureClassification FromHttpStatus(int statusCode) =>
        statusCode is >= 200 and < 400 ? Success : new FailureClassification(true, null, statusCode);

    /// <summary>
    /// The same outcome, never retried: e.g. a proxied call whose answer has already started to reach the caller,
    /// which a second attempt could not replace.
    /// </summary>
    public FailureClassification AsPermanent() => new(IsFailure, GrpcStatusCode, HttpStatusCode, isPermanent: true);
}
