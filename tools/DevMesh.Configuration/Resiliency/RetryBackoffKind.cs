namespace DevMesh.Configuration.Resiliency;

/// <summary>The <c>policy</c> of a retry: a fixed <c>duration</c>, or dapr/kit's exponential back-off.</summary>
public enum RetryBackoffKind
{
    Constant,
    Exponential,
}
