using System.Text;

namespace Jingzhun.Web.Platform.Files;

/// <summary>
/// File names as users gave them, made safe to store and to send back: no folder part (either slash), no ".."
/// sequences, no control or format characters, no characters Windows refuses; Chinese and other letters are kept.
/// </summary>
public static class StoredFileNames
{
    public const int MaxLength = 200;

    public static string Normalize(string? name, string fallback)
    {
        var s = (name ?? "").Replace('\\', '/');
        s = s[(s.LastIndexOf('/') + 1)..];
        var b = new StringBuilder(s.Length);
        foreach (var ch in s)
        {
            var cat = char.GetUnicodeCategory(ch);
            if (char.IsControl(ch) || cat is System.Globalization.UnicodeCategory.Format or System.Globalization.UnicodeCategory.LineSeparator
                    or System.Globalization.UnicodeCategory.ParagraphSeparator || "<>:\"|?*".Contains(ch))
                continue;
            b.Append(ch);
        }
        s = b.ToString();
        while (s.Contains("..", StringComparison.Ordinal)) s = s.Replace("..", ".", StringComparison.Ordinal);
        s = s.Trim().Trim('.').Trim();
        if (s.Length > MaxLength) s = s[..MaxLength];
        return s.Length == 0 ? fallback : s;
    }

    /// <summary>
    /// A Content-Disposition value: an ASCII fallback name (non-ASCII replaced) and the real name per RFC 5987
    /// (<c>filename*=UTF-8''...</c>).
    /// </summary>
    public static string ContentDisposition(string name, bool inline)
    {
        var safe = Normalize(name, "file");
        var ascii = new StringBuilder(safe.Length);
        foreach (var ch in safe) ascii.Append(ch is >= ' ' and < (char)127 && ch is not ('"' or '\\' or ';' or '%') ? ch : '_');
        return $"{(inline ? "inline" : "attachment")}; filename=\"{ascii}\"; filename*=UTF-8''{Uri.EscapeDataString(safe)}";
    }
}
