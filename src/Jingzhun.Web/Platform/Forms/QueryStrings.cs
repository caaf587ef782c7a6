using System.Text;

namespace Jingzhun.Web.Platform.Forms;

/// <summary>List pages keep their filters in the query string, under the API's parameter names.</summary>
public static class QueryStrings
{
    /// <summary>"a=1&amp;b=x": the non-empty values, escaped.</summary>
    public static string Join(params (string Key, string? Value)[] parts)
    {
        var sb = new StringBuilder();
        foreach (var (k, v) in parts)
        {
            if (string.IsNullOrWhiteSpace(v)) continue;
            sb.Append(sb.Length == 0 ? "" : "&").Append(k).Append('=').Append(Uri.EscapeDataString(v.Trim()));
        }
        return sb.ToString();
    }
}
