using Jingzhun.Web.Platform;
using Jingzhun.Web.Platform.Data;

namespace Jingzhun.Web.Modules.Dashboards.ExitEvaluation;

/// <summary>The exit standards of DOMAIN.md §5 as national defaults, into an empty table.</summary>
internal sealed class ExitStandardSeed(AppDbContext db, TimeProvider clock) : PolicyDefaultsSeed<ExitStandard>(db, clock)
{
    protected override IEnumerable<ExitStandard> Defaults() => ExitStandard.Seed();
}
