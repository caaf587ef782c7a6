using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Modules.Regions.Rules;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Problems;

namespace Jingzhun.Web.Modules.FieldWork.Compliance;

/// <summary>The region and month a field-work report is asked for, checked against the user's scope (404 outside).</summary>
public static class RegionRequest
{
    public static Outcome<(string Code, int Year, int Month)> Check(string? region, string? month, RegionDirectory regions, CurrentUser user, TimeProvider clock)
    {
        var asked = regions.Asked(region, user);
        if (!asked.Succeeded) return asked.Failure!;
        var code = asked.Value!;
        if (ComplianceLoader.ParseMonth(month, ChinaTime.Today(clock)) is not var (year, m)) return Failure.Invalid("month", "月份格式应为 yyyy-MM，如 2026-03");
        return (code, year, m);
    }
}

/// <summary>The usual result of a page that shows one handler's view or its failure (404 outside the scope).</summary>
public abstract class ViewPage<T> : Microsoft.AspNetCore.Mvc.RazorPages.PageModel where T : class
{
    public T? View { get; private set; }
    public string? Error { get; private set; }

    protected Microsoft.AspNetCore.Mvc.IActionResult Show(Outcome<T> r)
    {
        if (r.Succeeded) View = r.Value;
        else
        {
            if (r.Failure!.Kind == FailureKind.NotFound) Response.StatusCode = StatusCodes.Status404NotFound;
            Error = r.Failure.Message;
        }
        return Page();
    }
}
