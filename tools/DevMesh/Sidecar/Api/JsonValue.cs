using System.Text.Json;
using System.Text.Json.Nodes;
using Grpc.Core;

namespace DevMesh.Sidecar.Api;

internal static class JsonValue
{
    /// <summary>
    /// With <c>contentType: application/json</c> daprd parses the value and the store keeps the re-serialized
    /// JSON; a value that is not JSON fails the call.
    /// </summary>
    public static byte[] Normalize(byte[] value)
    {
        try
        {
            return JsonSerializer.SerializeToUtf8Bytes(JsonNode.Parse(value));
        }
        catch (JsonException e)
        {
            throw DaprErrors.Error(StatusCode.InvalidArgument, $"value is not valid JSON though contentType is application/json: {e.Message}");
        }
    }
}
