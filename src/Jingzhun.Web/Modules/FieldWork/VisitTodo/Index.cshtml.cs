using Jingzhun.Web.Modules.FieldWork.Compliance;
using Jingzhun.Web.Platform.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Jingzhun.Web.Modules.FieldWork.VisitTodo;

[Authorize(Permissions.FieldWorkView)]
public sealed class IndexModel(VisitTodoHandler handler) : ViewPage<TodoView>
{
    [BindProperty(SupportsGet = true)] public long? CadreId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Month { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => Show(await handler.HandleAsync(CadreId, Month, ct));
}
