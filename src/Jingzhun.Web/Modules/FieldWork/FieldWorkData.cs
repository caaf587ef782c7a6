using Jingzhun.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Jingzhun.Web.Modules.FieldWork;

/// <summary>The tables this module owns, as sets of the one context (Platform's context does not know them).</summary>
public static class FieldWorkData
{
    extension(AppDbContext db)
    {
        public DbSet<Cadre> Cadres => db.Set<Cadre>();
        public DbSet<Pairing> Pairings => db.Set<Pairing>();
        public DbSet<WorkTeam> WorkTeams => db.Set<WorkTeam>();
        public DbSet<Visit> Visits => db.Set<Visit>();
        public DbSet<VisitPhoto> VisitPhotos => db.Set<VisitPhoto>();
        public DbSet<VisitPolicy> VisitPolicies => db.Set<VisitPolicy>();
        public DbSet<EmergencyFlag> EmergencyFlags => db.Set<EmergencyFlag>();
        public DbSet<WorkLog> WorkLogs => db.Set<WorkLog>();
        public DbSet<ReviewMeeting> ReviewMeetings => db.Set<ReviewMeeting>();
    }
}
