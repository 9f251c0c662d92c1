namespace PurifierRental.ApiReference;

/// <summary>A declaration of the public API lacks the documentation the reference needs.</summary>
internal sealed class UndocumentedApiException(string message) : Exception(message);
