using System.Text;

namespace LlmAbstraction.Benchmarks.Stub;

/// <summary>Deterministic English-like filler for padded answers and stream deltas.</summary>
internal static class Text
{
    private static readonly string[] Vocabulary =
        ["The", " weather", " in", " San", " Francisco", " is", " usually", " mild", ",", " with", " fog", " in", " the", " morning", " and", " sun", " later", "."];

    public static string[] WordList(int count) => Enumerable.Range(0, count).Select(i => Vocabulary[i % Vocabulary.Length]).ToArray();

    public static string Words(int chars)
    {
        var sb = new StringBuilder(chars + 16);
        for (var i = 0; sb.Length < chars; i++) sb.Append(Vocabulary[i % Vocabulary.Length]);
        return sb.ToString();
    }
}
