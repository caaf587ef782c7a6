using Jingzhun.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Monitoring;

/// <summary>The tables this module owns, as sets of the one context (Platform's context does not know them).</summary>
public static class MonitoringData
{
    extension(AppDbContext db)
    {
        public DbSet<RiskLead> RiskLeads => db.Set<RiskLead>();
        public DbSet<MonitoringCase> MonitoringCases => db.Set<MonitoringCase>();
        public DbSet<AssistanceMeasure> AssistanceMeasures => db.Set<AssistanceMeasure>();
        public DbSet<MonitoringPolicy> MonitoringPolicies => db.Set<MonitoringPolicy>();
    }
}
