using System.Collections.Frozen;
using KapMonitor.Core.Observations;

namespace KapMonitor.Storage;

/// <summary>Device conditions are stored and forwarded as snake_case names (e.g. <c>probe_off</c>).</summary>
internal static class ConditionNames
{
    private static readonly FrozenDictionary<DeviceCondition, string> s_toWire = Enum.GetValues<DeviceCondition>().ToFrozenDictionary(c => c, ToSnake);
    private static readonly FrozenDictionary<string, DeviceCondition> s_fromWire = s_toWire.ToFrozenDictionary(kv => kv.Value, kv => kv.Key, StringComparer.Ordinal);

    public static string ToWire(DeviceCondition condition) => s_toWire.GetValueOrDefault(condition) ?? ToSnake(condition);

    public static DeviceCondition FromWire(string name) => s_fromWire.GetValueOrDefault(name, DeviceCondition.None);

    private static string ToSnake(DeviceCondition condition)
    {
        var name = condition.ToString();
        var builder = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(name[i]));
        }

        return builder.ToString();
    }
}
