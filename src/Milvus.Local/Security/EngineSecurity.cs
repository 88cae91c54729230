using Milvus.Local.Engine;

namespace Milvus.Local.Security;

/// <summary>
/// The engine's security state: the RBAC catalog and whether authorization is enforced. The setting lives in the
/// database file (meta key <c>authorization_enabled</c>), so a file once secured stays secured for every process and
/// transport that opens it; there is deliberately no way to turn it off through the protocol.
/// </summary>
internal sealed class EngineSecurity
{
    private const string SettingKey = "authorization_enabled";

    private readonly EngineCore _core;
    private RbacCatalog? _catalog;
    private volatile bool _enabled;

    public EngineSecurity(EngineCore core)
    {
        _core = core;
        using var cmd = core.Store.Command("SELECT value FROM meta WHERE key = $k");
        cmd.Parameters.AddWithValue("$k", SettingKey);
        _enabled = cmd.ExecuteScalar() as string == "true";
    }

    /// <summary>Whether every RPC must authenticate and pass the privilege check.</summary>
    public bool AuthorizationEnabled => _enabled;

    /// <summary>The RBAC catalog, created on first use (its tables live in the same file). Callers hold the engine lock.</summary>
    public RbacCatalog Catalog => _catalog ??= new RbacCatalog(_core);

    /// <summary>Turns enforcement on and records it in the database file (idempotent).</summary>
    public void EnableAuthorization()
    {
        lock (_core.Gate)
        {
            if (_enabled) return;
            _ = Catalog; // root/Milvus and the default roles exist before the first call must authenticate
            _core.Write(tx =>
            {
                using var cmd = _core.Store.Command("INSERT OR REPLACE INTO meta(key, value) VALUES($k, 'true')", tx);
                cmd.Parameters.AddWithValue("$k", SettingKey);
                cmd.ExecuteNonQuery();
            });
            _enabled = true;
        }
    }
}
