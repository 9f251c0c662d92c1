using System.Collections;
using System.Text;

namespace PurifierRental.Grpc;

/// <summary>
/// Custom headers or trailers of a call. Keys are lower-case; keys ending in <c>-bin</c> carry
/// bytes (sent base64-encoded), all others carry printable ASCII strings.
/// </summary>
public sealed class Metadata : IEnumerable<Metadata.Entry>
{
    public const string BinaryHeaderSuffix = "-bin";

    /// <summary>An empty, read-only instance for calls without metadata.</summary>
    public static readonly Metadata Empty = new() { _readOnly = true };

    private readonly List<Entry> _entries = [];
    private bool _readOnly;

    public int Count => _entries.Count;

    public Entry this[int index] => _entries[index];

    public Metadata Add(string key, string value)
    {
        Add(new Entry(key, value));
        return this;
    }

    public Metadata Add(string key, byte[] value)
    {
        Add(new Entry(key, value));
        return this;
    }

    public void Add(Entry entry)
    {
        if (_readOnly)
        {
            throw new InvalidOperationException("This metadata is read-only.");
        }
        _entries.Add(entry);
    }

    /// <summary>The last entry with this key, or null.</summary>
    public Entry? Get(string key)
    {
        key = Entry.NormalizeKey(key);
        for (var i = _entries.Count - 1; i >= 0; i--)
        {
            if (_entries[i].Key == key)
            {
                return _entries[i];
            }
        }
        return null;
    }

    public string? GetValue(string key) => Get(key)?.Value;

    public byte[]? GetValueBytes(string key) => Get(key)?.ValueBytes;

    public IEnumerable<Entry> GetAll(string key)
    {
        key = Entry.NormalizeKey(key);
        return _entries.Where(e => e.Key == key);
    }

    public bool Remove(string key) => _entries.RemoveAll(e => e.Key == Entry.NormalizeKey(key)) > 0;

    public IEnumerator<Entry> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>One key with a string or a binary value.</summary>
    public sealed class Entry
    {
        private readonly string? _value;
        private readonly byte[]? _bytes;

        public Entry(string key, string value)
        {
            Key = NormalizeKey(key);
            if (IsBinaryKey(Key))
            {
                throw new ArgumentException($"Key '{Key}' ends in '{BinaryHeaderSuffix}' and needs a byte[] value.", nameof(key));
            }
            foreach (var c in value)
            {
                // HTTP/2 header values for gRPC ASCII metadata are printable ASCII only.
                if (c < 0x20 || c > 0x7E)
                {
                    throw new ArgumentException($"Value of '{Key}' must be printable ASCII; use a '{BinaryHeaderSuffix}' key for other data.", nameof(value));
                }
            }
            _value = value;
        }

        /// <summary>A value as received: the peer's text is kept even where we would not have sent it.</summary>
        internal Entry(string key, string value, bool fromWire)
        {
            Key = key;
            _value = value;
        }

        public Entry(string key, byte[] value)
        {
            Key = NormalizeKey(key);
            if (!IsBinaryKey(Key))
            {
                throw new ArgumentException($"Key '{Key}' needs the '{BinaryHeaderSuffix}' suffix to carry bytes.", nameof(key));
            }
            _bytes = value;
        }

        public string Key { get; }

        public bool IsBinary => _bytes is not null;

        /// <summary>The string value; for a binary entry, its base64 form as sent on the wire.</summary>
        public string Value => _value ?? Convert.ToBase64String(_bytes!);

        /// <summary>The bytes; for a string entry, its ASCII bytes.</summary>
        public byte[] ValueBytes => _bytes ?? Encoding.ASCII.GetBytes(_value!);

        public override string ToString() => $"{Key}={Value}";

        internal static bool IsBinaryKey(string key) => key.EndsWith(BinaryHeaderSuffix, StringComparison.Ordinal);

        internal static string NormalizeKey(string key)
        {
            ArgumentException.ThrowIfNullOrEmpty(key);
            foreach (var c in key)
            {
                var legal = c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '-' or '_' or '.';
                if (!legal)
                {
                    throw new ArgumentException($"Metadata key '{key}' may hold only letters, digits, '-', '_' and '.'.", nameof(key));
                }
            }
            return key.ToLowerInvariant();
        }
    }
}
