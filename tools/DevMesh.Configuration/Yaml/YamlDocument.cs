using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DevMesh.Configuration.Yaml;

/// <summary>One document of a (possibly multi-document, <c>---</c> separated) YAML file.</summary>
internal sealed record YamlDocument(string FilePath, int Index, YamlMap? Root, int Line)
{
    /// <summary>Reads every document of a YAML text; empty documents are kept as a null root so indexes stay stable.</summary>
    public static IReadOnlyList<YamlDocument> Load(string text, string filePath, bool caseInsensitiveKeys)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            var source = new ConfigurationSource(filePath, null, null, checked((int)ex.Start.Line));
            throw new DevMeshConfigurationException(source, $"invalid YAML: {ex.Message}", ex);
        }

        var documents = new List<YamlDocument>(stream.Documents.Count);
        for (var i = 0; i < stream.Documents.Count; i++)
        {
            var root = stream.Documents[i].RootNode;
            var line = checked((int)root.Start.Line);
            switch (root)
            {
                case YamlMappingNode mapping:
                    var source = new ConfigurationSource(filePath, null, null, line);
                    documents.Add(new YamlDocument(filePath, i, new YamlMap(mapping, source, string.Empty, caseInsensitiveKeys), line));
                    break;
                case YamlScalarNode scalar when YamlMap.IsNull(scalar):
                    documents.Add(new YamlDocument(filePath, i, null, line));
                    break;
                default:
                    throw new DevMeshConfigurationException(
                        new ConfigurationSource(filePath, null, null, line),
                        "expected a mapping at the top of the document");
            }
        }

        return documents;
    }
}
