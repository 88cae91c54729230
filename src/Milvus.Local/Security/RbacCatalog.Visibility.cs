namespace Milvus.Local.Security;

// What a user may see in ListDatabases and ShowCollections (rootcoord listDatabaseTask.getVisibleDBs and
// showCollectionTask.getVisibleCollections): root and the admin role see everything; anyone else sees what the grants
// of the roles bound to them name. Only bound roles count (public, which the access check adds, does not), so a user
// with no role sees nothing. A result containing "*" means everything.
internal sealed partial class RbacCatalog
{
    /// <summary>The databases a grant of one of the user's roles names (any object type, any privilege).</summary>
    public IReadOnlySet<string> VisibleDatabases(string user)
    {
        if (SeesEverything(user)) return Everything;
        return RolesOf(user).SelectMany(role => _grants.Where(g => g.Role == role)).Select(g => g.DbName).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// The collections of <paramref name="dbName"/> the user's roles are granted: Collection grants and grants of a
    /// collection-level built-in group name their collection; a Global "All" grant covers the whole database.
    /// </summary>
    public IReadOnlySet<string> VisibleCollections(string user, string dbName)
    {
        if (SeesEverything(user)) return Everything;
        var grants = RolesOf(user).SelectMany(role => _grants.Where(g => g.Role == role && (g.DbName == dbName || g.DbName == RbacNames.AnyWord)))
            .ToList();
        if (grants.Any(g => g.ObjectType == PrivilegeCatalog.Global && g.Privilege == "All")) return Everything;
        return grants.Where(g => g.ObjectType == PrivilegeCatalog.Collection || PrivilegeCatalog.IsCollectionGroup(g.Privilege))
            .Select(g => g.ObjectName).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Whether a visibility set admits <paramref name="name"/>.</summary>
    public static bool IsVisible(IReadOnlySet<string> visible, string name) => visible.Contains(RbacNames.AnyWord) || visible.Contains(name);

    private static readonly IReadOnlySet<string> Everything = new HashSet<string>(StringComparer.Ordinal) { RbacNames.AnyWord };

    private bool SeesEverything(string user) => user == Root || RolesOf(user).Contains(AdminRole);
}
