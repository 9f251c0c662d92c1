namespace PurifierRental.EndToEnd.Tests.Crashes;

/// <summary>What the crash suite counts: applications sent, orders acknowledged, and what became of them.</summary>
internal sealed record CrashReport(int Sent, int Acknowledged, int Consistent, int Lost, int Orphaned, int Duplicated, int Stuck)
{
    public override string ToString() =>
        $"sent {Sent}, acknowledged {Acknowledged}, consistent {Consistent}, lost {Lost}, orphaned {Orphaned}, duplicated {Duplicated}, stuck {Stuck}";
}
