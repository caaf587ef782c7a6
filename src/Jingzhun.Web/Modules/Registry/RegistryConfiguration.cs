using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Jingzhun.Web.Modules.Registry;

public sealed class HouseholdConfiguration : IEntityTypeConfiguration<Household>
{
    public void Configure(EntityTypeBuilder<Household> b)
    {
        b.ToTable("households");
        b.Property(h => h.HouseholdNumber).HasMaxLength(20);
        b.HasIndex(h => h.HouseholdNumber).IsUnique();
        b.Property(h => h.VillageCode).HasMaxLength(12);
        b.Property(h => h.CountyCode).HasMaxLength(6);
        // A region's list in number order reads this index in order and stops at the page (no sort of a county's 30,000).
        b.HasIndex(h => new { h.VillageCode, h.HouseholdNumber }, "IX_households_village_number");
        // Covers the dashboard's one grouped pass over a region (no visit to the wide household rows).
        b.HasIndex(h => new { h.VillageCode, h.Status, h.Size, h.Attribute, h.MainCause, h.Class321, h.LatestIncomeYear, h.LatestPerCapitaIncome },
            "IX_households_dashboard");
        b.HasIndex(h => h.HeadName);
        // The few 易地扶贫搬迁 households (a site's figures count those not yet tied to a site); "IsRelocated" alone reads as
        // true on both databases.
        b.HasIndex(h => h.VillageCode, "IX_households_relocated").HasFilter("\"IsRelocated\"");
        b.Property(h => h.HeadName).HasMaxLength(50);
        b.Property(h => h.SettlementSite).HasMaxLength(100);
        b.Property(h => h.Address).HasMaxLength(200);
        b.Property(h => h.PhoneProtected).HasMaxLength(400);
        b.Property(h => h.PhoneMasked).HasMaxLength(20);
        b.Property(h => h.UpdatedBy).HasMaxLength(64);
        b.HasMany(h => h.Members).WithOne(m => m.Household).HasForeignKey(m => m.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(h => h.Incomes).WithOne(i => i.Household).HasForeignKey(i => i.HouseholdId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class MemberConfiguration : IEntityTypeConfiguration<Member>
{
    public void Configure(EntityTypeBuilder<Member> b)
    {
        b.ToTable("members");
        b.Property(m => m.Name).HasMaxLength(50);
        b.Property(m => m.CountyCode).HasMaxLength(6);
        b.Property(m => m.IdNumberCipher).HasMaxLength(400);
        b.Property(m => m.IdNumberHash).HasMaxLength(44);
        b.Property(m => m.IdNumberMasked).HasMaxLength(18);
        b.Property(m => m.Ethnicity).HasMaxLength(2);
        b.Property(m => m.LeftNote).HasMaxLength(200);
        b.Property(m => m.UpdatedBy).HasMaxLength(64);
        // Name search from the start of a name (surname or full name): a range on these indexes in name order, the
        // province's by the first, one county's by the second (PostgreSQL compares names in code-point order, "C",
        // as SQLite does: PostgresAppDbContext).
        b.HasIndex(m => m.Name);
        b.HasIndex(m => new { m.CountyCode, m.Name }, "IX_members_county_name");
        // One person is an active member of one household only (迁出/死亡/婚出 rows keep the history).
        b.HasIndex(m => m.IdNumberHash, "UX_members_active_person").IsUnique().HasFilter("\"Status\" = 0");
        b.HasIndex(m => m.IdNumberHash, "IX_members_person");
        // Exactly one active head per household.
        b.HasIndex(m => m.HouseholdId, "UX_members_one_head").IsUnique().HasFilter("\"Relationship\" = 1 AND \"Status\" = 0");
        // Covers the labour and work of a household's members (易地搬迁 site figures join ≈250,000 of them at province scale).
        b.HasIndex(m => new { m.HouseholdId, m.Status, m.LaborSkill, m.WorkStatus }, "IX_members_household");
    }
}

public sealed class HouseholdIncomeConfiguration : IEntityTypeConfiguration<HouseholdIncome>
{
    public void Configure(EntityTypeBuilder<HouseholdIncome> b)
    {
        b.ToTable("household_incomes");
        b.Property(i => i.CountyCode).HasMaxLength(6);
        b.Property(i => i.UpdatedBy).HasMaxLength(64);
        b.HasIndex(i => new { i.HouseholdId, i.Year }).IsUnique();
        b.HasIndex(i => new { i.CountyCode, i.Year });
    }
}
