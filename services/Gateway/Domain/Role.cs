namespace PurifierRental.GatewayService.Domain;

/// <summary>The kinds of people the gateway serves, as the <c>roles</c> claim of their token names them.</summary>
public enum Role
{
    /// <summary>Applies for rentals: places, follows and cancels their own orders.</summary>
    Customer,

    /// <summary>An installation engineer: sees and completes their own work orders.</summary>
    Engineer,

    /// <summary>Back office: sees everything, cancels and completes on anyone's behalf, keeps the roster.</summary>
    Staff,
}
