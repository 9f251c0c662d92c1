namespace PurifierRental.GatewayService.Domain;

/// <summary>Why a call is refused: nobody proven is calling, or the caller may not do this.</summary>
public enum AccessRefusal
{
    /// <summary>No valid bearer token: UNAUTHENTICATED, HTTP 401.</summary>
    NotSignedIn,

    /// <summary>A valid token whose subject or roles do not allow the call: PERMISSION_DENIED, HTTP 403.</summary>
    NotAllowed,
}
