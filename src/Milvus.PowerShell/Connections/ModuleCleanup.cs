namespace Milvus.PowerShell.Connections;

/// <summary>Module removal: closes the connections. Kept apart from the initializer, which must not touch client types.</summary>
internal static class ModuleCleanup
{
    public static void DisposeAllConnections() => ConnectionRegistry.CloseAll();
}
