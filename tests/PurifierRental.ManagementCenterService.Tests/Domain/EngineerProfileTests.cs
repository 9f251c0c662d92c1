namespace PurifierRental.ManagementCenterService.Tests.Domain;

using PurifierRental.ManagementCenterService.Domain;

public sealed class EngineerProfileTests
{
    [Fact]
    public void A_valid_profile_is_trimmed()
    {
        var profile = EngineerProfile.Create(" eng-1 ", " Kim Minjun ", " +82 10-1234-5678 ", " seoul ");

        Assert.Equal(("eng-1", "Kim Minjun", "+82 10-1234-5678", "seoul"), (profile.EngineerId, profile.Name, profile.Phone, profile.Region));
    }

    [Theory]
    [InlineData("", "Kim", "010-1234-5678", "seoul", "engineer_id")]
    [InlineData("eng 1", "Kim", "010-1234-5678", "seoul", "engineer_id")]
    [InlineData("eng-1", "Kim", "010-1234-5678", "Seoul", "region")]
    [InlineData("eng-1", " ", "010-1234-5678", "seoul", "name")]
    [InlineData("eng-1", "Kim", "", "seoul", "phone")]
    [InlineData("eng-1", "Kim", "call me", "seoul", "phone")]
    [InlineData("eng-1", "Kim", "12-34", "seoul", "phone")]
    [InlineData("eng-1", "Kim", "010-1234-5678", "", "region")]
    public void An_invalid_field_is_named_in_the_error(string id, string name, string phone, string region, string field)
    {
        var error = Assert.Throws<InvalidEngineerException>(() => EngineerProfile.Create(id, name, phone, region));

        Assert.Equal(field, error.Field);
        Assert.StartsWith(field + " ", error.Message);
    }
}
