namespace PurifierRental.Deployment.Tests;

/// <summary>A kustomize overlay as <c>kubectl kustomize</c> renders it.</summary>
internal sealed class Overlay
{
    public static readonly string[] Names = ["local", "production"];

    private static readonly Dictionary<string, Overlay> Rendered = [];

    private Overlay(string name, string text)
    {
        Name = name;
        Text = text;
        Objects = Yaml.Documents(text);
    }

    public string Name { get; }

    public string Text { get; }

    public IReadOnlyList<Dictionary<object, object>> Objects { get; }

    public static Overlay Render(string name)
    {
        lock (Rendered)
        {
            if (!Rendered.TryGetValue(name, out var overlay))
            {
                var (exitCode, output, error) = Repository.Run("kubectl", ["kustomize", $"deploy/k8s/overlays/{name}"]);
                Assert.True(exitCode == 0, $"kubectl kustomize deploy/k8s/overlays/{name} failed: {error}");
                Rendered[name] = overlay = new Overlay(name, output);
            }

            return overlay;
        }
    }

    public IEnumerable<Dictionary<object, object>> OfKind(string kind) => Objects.Where(o => Yaml.Text(o, "kind") == kind);

    public Dictionary<object, object>? Find(string kind, string name) =>
        OfKind(kind).SingleOrDefault(o => Yaml.Text(o, "metadata.name") == name);
}
