/** @module The report's one stylesheet, inlined: system fonts only, nothing fetched. */

/** The CSS of the calibrate HTML report. */
export const STYLES = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #f5f8fa; color: #33475b;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 900px; margin: 0 auto; padding: 28px 24px 40px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 0 0 6px; }
p { margin: 6px 0; }
.sub { color: #516f90; margin-bottom: 18px; }
section { background: #fff; border: 1px solid #dfe3eb; border-radius: 8px; padding: 18px 22px;
  margin: 16px 0; }
.tiles { display: grid; grid-template-columns: repeat(5, 1fr); gap: 10px; margin: 0 0 14px; }
.tiles div { background: #f5f8fa; border-radius: 6px; padding: 8px 12px; }
.tiles dt { font-size: 12px; color: #516f90; text-transform: uppercase; letter-spacing: .04em; }
.tiles dd { margin: 0; font-size: 22px; font-weight: 600; }
.tiles dd small { font-size: 13px; font-weight: 400; color: #516f90; }
.verdict { border-left: 5px solid; padding: 8px 12px; border-radius: 4px; margin: 8px 0; }
.verdict.proposed { border-color: #2e9e5b; background: #eaf7ef; }
.verdict.not-proposed { border-color: #ee7b23; background: #fdf1e7; }
.notes { color: #516f90; font-size: 13.5px; margin: 8px 0 0; padding-left: 20px; }
.withheld { color: #7c6a00; font-style: italic; }
svg { display: block; max-width: 100%; height: auto; margin: 10px 0; }
svg text { font-family: inherit; fill: #33475b; }
.grid { stroke: #eaf0f6; stroke-width: 1; }
.frame { stroke: #99acc2; fill: none; stroke-width: 1; }
.chance { stroke: #99acc2; stroke-dasharray: 2 4; stroke-width: 1.5; }
.roc, .legend-line { fill: none; stroke-width: 2.5; stroke-linejoin: round; }
.roc.current, .legend-line.current { stroke-dasharray: 8 4; }
.operating { stroke: #fff; stroke-width: 1.5; }
.bar.current { fill-opacity: .35; stroke-width: 1.5; }
.bar.few { stroke: #33475b; stroke-dasharray: 4 3; stroke-width: 1.5; }
.tick { font-size: 11px; fill: #516f90; }
.axis { font-size: 12.5px; fill: #516f90; }
.value { font-size: 12.5px; font-weight: 600; }
.count { font-size: 11.5px; fill: #516f90; color: #516f90; }
.group { font-size: 13px; font-weight: 600; }
.legend { font-size: 12.5px; }
.note { font-size: 11.5px; font-style: italic; fill: #7c98b6; }
table { border-collapse: collapse; width: 100%; margin: 10px 0; font-size: 14px; }
caption { text-align: left; font-weight: 600; padding-bottom: 6px; }
th, td { text-align: left; padding: 7px 10px; border-bottom: 1px solid #eaf0f6; vertical-align: top; }
thead th { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: #516f90; }
table.segments th, table.segments td { padding: 7px 6px; }
table.segments thead th { text-transform: none; letter-spacing: 0; font-size: 12.5px;
  white-space: nowrap; }
table.segments tbody th { overflow-wrap: anywhere; }
table.band th[scope="row"] { width: 40%; }
.meaning { display: block; font-weight: 400; font-size: 12px; color: #7c98b6; }
.mark { font-size: 12px; white-space: nowrap; }
td.met .mark { color: #1f7a45; }
td.unmet .mark { color: #b3261e; }
td.target { color: #516f90; white-space: nowrap; }
td.note { color: #516f90; font-size: 13px; }
tr.own td { white-space: nowrap; }
tr.own td b { color: #7b3fe4; }
footer { color: #7c98b6; font-size: 13px; margin-top: 18px; }
`
