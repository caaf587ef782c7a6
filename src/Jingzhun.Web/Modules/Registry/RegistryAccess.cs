using Jingzhun.Web.Platform.Localization;
using Jingzhun.Web.Platform.Problems;

namespace Jingzhun.Web.Modules.Registry;

/// <summary>Shared helpers of the registry use cases.</summary>
internal static class RegistryAccess
{
    /// <summary>"Changed by X at T": the message of a stale edit (optimistic concurrency).</summary>
    public static Failure StaleEdit(string what, string by, DateTime at) =>
        Failure.Conflict($"{what}已被 {by} 于 {ChinaTime.Format(at)} 修改，您看到的是旧数据。请刷新后重新编辑。");
}
