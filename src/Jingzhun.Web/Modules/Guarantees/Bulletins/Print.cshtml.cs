using Jingzhun.Web.Platform.Auth;
using Microsoft.AspNetCore.Authorization;

namespace Jingzhun.Web.Modules.Guarantees.Bulletins;

[Authorize(Permissions.GuaranteesView)]
public sealed class PrintModel(BulletinsHandler handler, TimeProvider clock) : BulletinPageModel(handler, clock)
{
    public DateOnly Today { get; } = Platform.Localization.ChinaTime.Today(clock);
}
