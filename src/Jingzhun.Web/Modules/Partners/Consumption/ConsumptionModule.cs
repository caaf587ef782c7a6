using Jingzhun.Web.Modules.Registry.GetHousehold;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Files;
using Jingzhun.Web.Platform.Policies;
using Jingzhun.Web.Platform.Problems;

namespace Jingzhun.Web.Modules.Partners.Consumption;

/// <summary>
/// 消费帮扶 (issue 15): recognised 帮扶产品 with the households and villages that supply them, their sales (by form and by
/// the platform's monthly file), and the year's figures against the county's 消费帮扶目标.
/// </summary>
public static class ConsumptionModule
{
    public static IServiceCollection AddConsumption(this IServiceCollection services) => services
        .AddPolicyTable<ConsumptionTargetPolicyTable>()
        .AddScoped<ManageConsumptionHandler>()
        .AddScoped<ConsumptionFiguresHandler>()
        .AddScoped<ConsumptionImportHandler>()
        .AddScoped<Platform.IStartupSeed, ConsumptionDemoSeed>()
        .AddHouseholdPanel(29, "消费帮扶", Permissions.PartnersView, HouseholdPanel.ConsumptionPanelModel.Path);

    public static RouteGroupBuilder MapConsumptionApi(this RouteGroupBuilder api)
    {
        api.MapPolicyTable<ConsumptionTargetPolicyTable>();
        var g = api.MapGroup("/partners/consumption").WithTags("消费帮扶");
        g.MapGet("/products", async ([AsParameters] ProductQuery q, ManageConsumptionHandler h, CancellationToken ct) => (await h.SearchProductsAsync(q, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.PartnersView)
            .WithName("SearchConsumptionProducts").WithSummary("帮扶产品认定台账（筛选 region、category、valid 有效期内、onPlatform832、text 名称或证书号）");
        g.MapGet("/products/export", async ([AsParameters] ProductQuery q, ManageConsumptionHandler h, CancellationToken ct) => (await h.ProductsExcelAsync(q, ct)).ToHttp(r => r))
            .RequireAuthorization(Permissions.PartnersView)
            .ProducesFile().WithName("ExportConsumptionProducts").WithSummary("帮扶产品及联农带农户 Excel（户编号、户主姓名，无身份证号和电话）");
        g.MapGet("/products/{id:long}", async (long id, ManageConsumptionHandler h, CancellationToken ct) => (await h.GetProductAsync(id, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.PartnersView)
            .WithName("GetConsumptionProduct").WithSummary("一个帮扶产品及其联农带农的户和村、本年销售额");
        g.MapPost("/products", async (CreateProductRequest r, ManageConsumptionHandler h, CancellationToken ct) =>
                (await h.CreateProductAsync(r, ct)).ToHttp(v => TypedResults.Created($"/api/v1/partners/consumption/products/{v.Product.Id}", v)))
            .RequireAuthorization(Permissions.PartnersManage)
            .WithName("CreateConsumptionProduct").WithSummary("认定帮扶产品（供应主体、所在地区、产品、类别、证书号、有效期、832平台上架、联农带农的户和村）");
        g.MapPut("/products/{id:long}", async (long id, EditProductRequest r, ManageConsumptionHandler h, CancellationToken ct) => (await h.EditProductAsync(id, r, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.PartnersManage)
            .WithName("EditConsumptionProduct").WithSummary("修改帮扶产品（按读取时的版本）");
        g.MapGet("/sales", async ([AsParameters] SaleQuery q, ManageConsumptionHandler h, CancellationToken ct) => (await h.SearchSalesAsync(q, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.PartnersView)
            .WithName("SearchConsumptionSales").WithSummary("消费帮扶销售记录（筛选 region、year、productId、buyerType、channel）");
        g.MapGet("/sales/export", async ([AsParameters] SaleQuery q, ManageConsumptionHandler h, CancellationToken ct) => (await h.SalesExcelAsync(q, ct)).ToHttp(r => r))
            .RequireAuthorization(Permissions.PartnersView)
            .ProducesFile().WithName("ExportConsumptionSales").WithSummary("消费帮扶销售记录 Excel");
        g.MapGet("/sales/{id:long}", async (long id, ManageConsumptionHandler h, CancellationToken ct) => (await h.GetSaleAsync(id, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.PartnersView)
            .WithName("GetConsumptionSale").WithSummary("一条消费帮扶销售记录");
        g.MapPost("/sales", async (RecordSaleRequest r, ManageConsumptionHandler h, CancellationToken ct) =>
                (await h.RecordSaleAsync(r, ct)).ToHttp(v => TypedResults.Created($"/api/v1/partners/consumption/sales/{v.Id}", v)))
            .RequireAuthorization(Permissions.PartnersManage)
            .WithName("RecordConsumptionSale").WithSummary("登记销售（产品、购买方类型和名称、金额、日期、渠道、可选的协作关系编号）；证书过期后的销售不予登记");
        g.MapGet("/sales/import/template", (CancellationToken ct) => ConsumptionImportHandler.TemplateAsync(ct))
            .RequireAuthorization(Permissions.PartnersView)
            .ProducesFile().WithName("ConsumptionSalesTemplate").WithSummary("消费帮扶销售月报导入模板");
        g.MapPost("/sales/import", async ([Microsoft.AspNetCore.Mvc.FromForm] IFormFile? file, ConsumptionImportHandler h, CancellationToken ct) =>
                (await h.ImportFileAsync(file, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.PartnersManage)
            .DisableAntiforgery()
            .WithUploadLimit(UploadLimits.ImportKey, UploadLimits.ImportDefault, "导入文件")
            .WithName("ImportConsumptionSales").WithSummary("导入消费帮扶销售月报（multipart：file）：按认定证书号找本辖区的产品；任何一行有误则不写入，逐行报告错误")
            .Accepts<IFormFile>("multipart/form-data");
        g.MapGet("/figures", async (string? region, int? year, ConsumptionFiguresHandler h, CancellationToken ct) => (await h.FiguresAsync(region, year, ct)).ToHttp(TypedResults.Ok))
            .RequireAuthorization(Permissions.PartnersView)
            .WithName("ConsumptionFigures").WithSummary("消费帮扶统计（region、year）：销售额对比目标、按下级地区、购买方类型、产品类别，协作方占比，带动户数");
        g.MapGet("/figures/export", async (string? region, int? year, ConsumptionFiguresHandler h, CancellationToken ct) => (await h.ExcelAsync(region, year, ct)).ToHttp(r => r))
            .RequireAuthorization(Permissions.PartnersView)
            .ProducesFile().WithName("ExportConsumptionFigures").WithSummary("消费帮扶统计 Excel");
        return api;
    }
}
