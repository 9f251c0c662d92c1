namespace RentalCli.Output;

/// <summary>"Label  value" lines with the values aligned; empty values are left out.</summary>
internal sealed class Details
{
    private readonly List<(string Label, string Value)> _rows = [];

    public Details Add(string label, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            _rows.Add((label, value));
        }
        return this;
    }

    public override string ToString()
    {
        var width = _rows.Count == 0 ? 0 : _rows.Max(row => row.Label.Length);
        return string.Join(Environment.NewLine, _rows.Select(row => $"{row.Label.PadRight(width)}  {row.Value}"));
    }
}

/// <summary>Rows under a header, columns aligned as a terminal shows them (Hangul takes two columns).</summary>
internal sealed class Table(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public Table Add(params string[] cells)
    {
        _rows.Add(cells);
        return this;
    }

    public override string ToString()
    {
        var lines = _rows.Prepend(headers).ToList();
        var widths = headers.Select((_, column) => lines.Max(line => DisplayWidth(line[column]))).ToArray();
        return string.Join(Environment.NewLine, lines.Select(line =>
            string.Concat(line.Select((cell, column) => cell + new string(' ', widths[column] - DisplayWidth(cell) + 2))).TrimEnd()));
    }

    private static int DisplayWidth(string text) => text.Sum(c => IsWide(c) ? 2 : 1);

    /// <summary>East Asian wide characters: Hangul, CJK ideographs and full-width forms.</summary>
    private static bool IsWide(char c) =>
        c is (>= '\u1100' and <= '\u115F') or (>= '\u2E80' and <= '\uA4CF') or (>= '\uAC00' and <= '\uD7A3')
            or (>= '\uF900' and <= '\uFAFF') or (>= '\uFE30' and <= '\uFE4F') or (>= '\uFF00' and <= '\uFF60') or (>= '\uFFE0' and <= '\uFFE6');
}
