namespace PurifierRental.EndToEnd.Tests.Crashes;

/// <summary>The crash suite runs its own mesh and kills its processes: alone, after every other collection.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CrashCollection
{
    public const string Name = "crashes";
}
