using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Jingzhun.Web.Modules.Shared;

/// <summary>The page the platform re-executes to for non-API error status codes (/error/{code}).</summary>
[IgnoreAntiforgeryToken] // re-execution keeps the original method, so a failed POST arrives here as a POST
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public int Code { get; private set; }
    public string Heading { get; private set; } = "";
    public string Message { get; private set; } = "";

    public void OnGet(int code) => Describe(code);
    public void OnPost(int code) => Describe(code);

    private void Describe(int code)
    {
        // A direct visit to /error/404 answers with that status too; re-execution already carries it.
        Code = code is >= 400 and <= 599 ? code : 500;
        (Heading, Message) = Code switch
        {
            400 => ("请求有误", "提交的内容无法处理，请返回重试。如果是表单，请刷新页面后重新填写。"),
            401 => ("请先登录", "登录已过期，请重新登录。"),
            403 => ("无权访问", "您的账号没有执行此操作的权限。如确需使用，请联系本级管理员。"),
            404 => ("找不到记录", "记录不存在或不在您的管辖范围内"),
            405 => ("操作方式不正确", "不支持该请求方式，请从页面上的按钮进入。"),
            409 => ("数据已被修改", "该记录已被他人修改，请刷新后重试。"),
            429 => ("请求过于频繁", "请稍后再试。"),
            _ when Code >= 500 => ("系统出错了", "服务器处理请求时出错，已记录日志。请稍后重试，如问题持续请联系管理员。"),
            _ => ("请求未完成", "请返回重试。"),
        };
        var original = HttpContext.Features.Get<IStatusCodeReExecuteFeature>();
        if (original is null) Response.StatusCode = Code;
    }
}
