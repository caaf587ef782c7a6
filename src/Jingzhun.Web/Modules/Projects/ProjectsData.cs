using Jingzhun.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.Projects;

/// <summary>The tables of the project library and the 衔接资金.</summary>
public static class ProjectsData
{
    extension(AppDbContext db)
    {
        public DbSet<Project> Projects => db.Set<Project>();
        public DbSet<FundAllocation> FundAllocations => db.Set<FundAllocation>();
        public DbSet<FundAssignment> FundAssignments => db.Set<FundAssignment>();
        public DbSet<FundPayment> FundPayments => db.Set<FundPayment>();
        public DbSet<Assets.ProjectAsset> ProjectAssets => db.Set<Assets.ProjectAsset>();
        public DbSet<Assets.AssetIncome> AssetIncomes => db.Set<Assets.AssetIncome>();
        public DbSet<ProjectWarningPolicy> ProjectWarningPolicies => db.Set<ProjectWarningPolicy>();
    }
}
