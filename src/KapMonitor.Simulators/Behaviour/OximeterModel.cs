using KapMonitor.Simulators.Physiology;
using KapMonitor.Simulators.Scenarios;

namespace KapMonitor.Simulators.Behaviour;

/// <summary>
/// What a pulse oximeter shows, given the patient and the scenario's technical events: probe off,
/// sensor unplugged, searching after re-attachment, motion artifact, low perfusion, and the drop
/// while a cuff on the same arm is inflated (docs/simulators.md).
/// </summary>
public sealed class OximeterModel
{
    // After the probe goes back on, oximeters search for a few seconds before showing numbers (ours: 6 s).
    private static readonly TimeSpan s_reacquire = TimeSpan.FromSeconds(6);
    private readonly PhysiologyModel _physiology;
    private readonly Scenario _scenario;
    private readonly ulong _seed;

    /// <summary>Creates the model.</summary>
    public OximeterModel(PhysiologyModel physiology, Scenario scenario, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(physiology);
        ArgumentNullException.ThrowIfNull(scenario);
        _physiology = physiology;
        _scenario = scenario;
        _seed = seed ^ 0x0C5_1DE5UL;
    }

    /// <summary>The reading at <paramref name="t"/>, with a same-arm cuff at <paramref name="sameArmCuffPressure"/> mmHg.</summary>
    public OximeterReading Read(TimeSpan t, double sameArmCuffPressure = 0)
    {
        var status = OximeterStatus.None;
        var lostSignal = false;
        foreach (var e in _scenario.Events)
        {
            if (!e.Applies(ScenarioTarget.Oximeter))
            {
                continue;
            }

            var active = e.IsActiveAt(t);
            switch (e.Kind)
            {
                case ScenarioEventKind.ProbeOff when active:
                    status |= OximeterStatus.ProbeOff;
                    lostSignal = true;
                    break;
                case ScenarioEventKind.SensorDisconnected when active:
                    status |= OximeterStatus.SensorDisconnected;
                    lostSignal = true;
                    break;
                case ScenarioEventKind.ProbeOff or ScenarioEventKind.SensorDisconnected when t >= e.End && t < e.End + s_reacquire:
                case ScenarioEventKind.Searching when active:
                    status |= OximeterStatus.Searching;
                    lostSignal = true;
                    break;
                case ScenarioEventKind.Motion when active:
                    status |= OximeterStatus.Artifact;
                    break;
                case ScenarioEventKind.LowPerfusion when active:
                    status |= OximeterStatus.LowPerfusion;
                    break;
            }
        }

        var state = _physiology.Sample(t);
        var spo2 = state.Spo2;
        var pulse = state.HeartRate;
        var pi = state.PerfusionIndex;

        if (_scenario.CuffOnOximeterArm && sameArmCuffPressure > state.Diastolic)
        {
            status |= OximeterStatus.CuffInflating;
            if (sameArmCuffPressure > state.Systolic)
            {
                // Artery occluded: no pulse at the finger.
                status |= OximeterStatus.Searching;
                lostSignal = true;
            }
            else
            {
                spo2 -= 3;
                pi *= 0.4;
            }
        }

        if (lostSignal)
        {
            return new OximeterReading(null, null, null, status);
        }

        var second = t.Ticks / TimeSpan.TicksPerSecond;
        if ((status & OximeterStatus.Artifact) != 0)
        {
            // Motion produces plausible-looking but wrong numbers, often falsely low SpO2.
            spo2 -= 1 + (7 * SimRandom.Hash(_seed, second));
            pulse += 25 * (SimRandom.Hash(_seed + 1, second) - 0.3);
        }

        if ((status & OximeterStatus.LowPerfusion) != 0)
        {
            pi = 0.15 + (0.1 * SimRandom.Hash(_seed + 2, second));
            spo2 -= 2 * SimRandom.Hash(_seed + 3, second);
        }

        return new OximeterReading(
            (int)Math.Round(Math.Clamp(spo2, 0, 100)),
            (int)Math.Round(Math.Clamp(pulse, 25, 250)),
            Math.Round(pi, 2),
            status);
    }

    /// <summary>
    /// One pleth sample (0..255) for a waveform phase in [0, 1): a fast upstroke, a dicrotic notch and a
    /// slow run-off. Table-driven so thousands of simulated devices can afford it.
    /// </summary>
    public static byte Pleth(double phase) => s_plethTable[(int)(phase * PlethTableSize) & (PlethTableSize - 1)];

    private const int PlethTableSize = 64;
    private static readonly byte[] s_plethTable = BuildPlethTable();

    private static byte[] BuildPlethTable()
    {
        var table = new byte[PlethTableSize];
        for (var i = 0; i < table.Length; i++)
        {
            var x = i / (double)PlethTableSize;
            var systolic = Math.Exp(-Math.Pow((x - 0.18) / 0.08, 2));
            var dicrotic = 0.35 * Math.Exp(-Math.Pow((x - 0.45) / 0.07, 2));
            table[i] = (byte)Math.Round(30 + (190 * Math.Max(systolic, dicrotic + (0.2 * (1 - x)))));
        }

        return table;
    }
}
