using System.Net;

namespace PurifierRental.Grpc.Tests.RawFrames;

/// <summary>A request body the test writes piece by piece and may never finish.</summary>
internal sealed class StreamingBody : HttpContent
{
    private readonly TaskCompletionSource<Stream> _stream = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task WriteAsync(byte[] bytes)
    {
        var stream = await _stream.Task.WaitAsync(RawGrpc.Timeout);
        await stream.WriteAsync(bytes);
        await stream.FlushAsync();
    }

    public void Complete() => _done.TrySetResult();

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        _stream.TrySetResult(stream);
        await _done.Task;
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
