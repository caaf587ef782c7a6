using Jingzhun.Web.Modules.Admin;
using Jingzhun.Web.Modules.Dashboards;
using Jingzhun.Web.Modules.DataMatching;
using Jingzhun.Web.Modules.Employment;
using Jingzhun.Web.Modules.Exit;
using Jingzhun.Web.Modules.Reports;
using Jingzhun.Web.Modules.FieldApp;
using Jingzhun.Web.Modules.FieldWork;
using Jingzhun.Web.Modules.Guarantees;
using Jingzhun.Web.Modules.Monitoring;
using Jingzhun.Web.Modules.Partners;
using Jingzhun.Web.Modules.Sampling;
using Jingzhun.Web.Modules.Projects;
using Jingzhun.Web.Modules.Regions;
using Jingzhun.Web.Modules.Registry;
using Jingzhun.Web.Platform;
using Jingzhun.Web.Platform.Auth;
using Jingzhun.Web.Platform.Problems;

var builder = WebApplication.CreateBuilder(args);
builder.AddPlatform();
builder.Services.AddScoped<SignInHandler>();
builder.Services.AddRegions();
builder.Services.AddRegistry();
builder.Services.AddAdmin();
builder.Services.AddGuarantees();
builder.Services.AddMonitoring();
builder.Services.AddEmployment();
builder.Services.AddDashboards();
builder.Services.AddExit();
builder.Services.AddReports();
builder.Services.AddFieldWork();
builder.Services.AddProjects();
builder.Services.AddPartners();
builder.Services.AddSampling();
builder.Services.AddDataMatching();

var app = builder.Build();
if (await app.RunCommandAsync(args)) return;
app.UsePlatform();
app.MapFieldApp();

var api = app.MapGroup("/api/v1").AddBoundInputChecks().AddProblemResponses();
SignInHandler.Map(api);
api.MapRegionsApi();
api.MapRegistryApi();
api.MapAdminApi();
api.MapGuaranteesApi();
api.MapMonitoringApi();
api.MapEmploymentApi();
api.MapDashboardsApi();
api.MapExitApi();
api.MapReportsApi();
api.MapFieldWorkApi();
api.MapProjectsApi();
api.MapPartnersApi();
api.MapSamplingApi();
api.MapDataMatchingApi();
Jingzhun.Web.Platform.Jobs.Jobs.Map(api);
Jingzhun.Web.Platform.Files.FileStore.Map(api);
Jingzhun.Web.Platform.Forms.Pickers.Map(api);

try
{
    await app.PrepareDatabaseAsync();
}
catch (StartupRefusedException e)
{
    Console.Error.WriteLine(e.Message);
    Environment.ExitCode = 1;
    return;
}
await app.RunAsync();

public partial class Program;
