import * as echarts from 'echarts';
import type { Portfolio } from '../portfolio/portfolio.types';
import type { PracticeFundView } from '../practice-fund/practice-fund.service';
import { REPORT_TEXTS, ReportLanguage } from './report-texts';

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
/** Every value from the records is text, never markup. */
const esc = (value: unknown): string =>
  String(value).replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]);

export function yuanOf(fen: number): string {
  return (fen / 100).toLocaleString('en-US', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
}

export const daysOf = (days: number | null): string => (days === null ? '–' : days.toFixed(2));

/** The stage-time chart: median and 90th percentile per stage, drawn by ECharts on the server. */
function stageTimeChart(portfolio: Portfolio, lang: ReportLanguage): string {
  const t = REPORT_TEXTS[lang];
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 680, height: 260 });
  chart.setOption({
    animation: false,
    textStyle: { fontFamily: 'Noto Sans CJK SC, sans-serif' },
    legend: { data: [t.median, t.p90], top: 0 },
    grid: { left: 48, right: 16, top: 32, bottom: 32 },
    xAxis: { type: 'category', data: portfolio.stageTimes.map((s) => t.stages[s.stage]) },
    yAxis: { type: 'value', name: lang === 'zh' ? '天' : 'days' },
    series: [
      { name: t.median, type: 'bar', data: portfolio.stageTimes.map((s) => s.medianDays ?? 0) },
      { name: t.p90, type: 'bar', data: portfolio.stageTimes.map((s) => s.p90Days ?? 0) },
    ],
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

/** The printable funder report: one self-contained page (no script, no external resource). */
export function funderReportHtml(
  portfolio: Portfolio,
  fund: PracticeFundView,
  lang: ReportLanguage,
  generatedAt: Date,
): string {
  const t = REPORT_TEXTS[lang];
  const figure = (label: string, value: string): string =>
    `<div class="figure"><div class="value">${esc(value)}</div><div class="label">${esc(label)}</div></div>`;
  const bottleneck = portfolio.bottleneck
    ? `${t.stages[portfolio.bottleneck.stage]} · ${t.median} ${daysOf(portfolio.bottleneck.medianDays)}`
    : t.noBottleneck;
  const companies = portfolio.incubatedCompanies.length
    ? portfolio.incubatedCompanies
        .map(
          (c) =>
            `<tr><td>${esc(c.companyName)}</td><td>${esc(c.registrationDate)}</td><td class="n">${c.jobsCreated}</td></tr>`,
        )
        .join('')
    : `<tr><td colspan="3">${esc(t.none)}</td></tr>`;
  const funding = portfolio.funding.byKind
    .map(
      (k) =>
        `<tr><td>${esc(t.kinds[k.kind])}</td><td class="n">${yuanOf(k.raisedFen)}</td><td class="n">${yuanOf(k.committedFen)}</td></tr>`,
    )
    .join('');
  const stageRows = portfolio.stageTimes
    .map(
      (s) =>
        `<tr><td>${esc(t.stages[s.stage])}</td><td class="n">${s.staysEnded}</td><td class="n">${daysOf(s.medianDays)}</td><td class="n">${daysOf(s.p90Days)}</td></tr>`,
    )
    .join('');
  return `<!doctype html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<title>${esc(t.title)}</title>
<style>
  @page { size: A4; margin: 16mm; }
  body { font-family: 'Noto Sans CJK SC', 'Noto Sans', sans-serif; color: #1f2328; margin: 24px; }
  h1 { font-size: 22px; margin: 0 0 4px; }
  h2 { font-size: 16px; border-bottom: 1px solid #d0d7de; padding-bottom: 4px; margin-top: 24px; }
  .meta { color: #57606a; font-size: 12px; }
  .figures { display: flex; flex-wrap: wrap; gap: 12px; }
  .figure { border: 1px solid #d0d7de; border-radius: 6px; padding: 8px 12px; min-width: 140px; }
  .figure .value { font-size: 20px; font-weight: bold; }
  .figure .label { font-size: 12px; color: #57606a; }
  table { border-collapse: collapse; width: 100%; font-size: 12px; }
  th, td { border: 1px solid #d0d7de; padding: 4px 8px; text-align: left; }
  td.n, th.n { text-align: right; }
</style>
</head>
<body>
<h1>${esc(t.title)}</h1>
<div class="meta">${esc(t.period)}: ${esc(portfolio.period.from)} – ${esc(portfolio.period.to)} (Asia/Shanghai) · ${esc(t.generated)}: ${esc(generatedAt.toISOString())}</div>
<h2>${esc(t.headline)}</h2>
<div class="figures">
${figure(t.incubated, String(portfolio.incubated))}
${figure(t.companies, String(portfolio.companiesRegistered))}
${figure(t.jobs, String(portfolio.jobsCreated))}
${figure(t.raised, `¥${yuanOf(portfolio.funding.raisedFen)}`)}
${figure(t.committed, `¥${yuanOf(portfolio.funding.committedFen)}`)}
</div>
<h2>${esc(t.fundUse)} (${fund.year})</h2>
<div class="figures">
${figure(t.fundBudget, `¥${yuanOf(fund.budgetFen)}`)}
${figure(t.fundGranted, `¥${yuanOf(fund.grantedFen)}`)}
${figure(t.fundRemaining, `¥${yuanOf(fund.remainingFen)}`)}
</div>
<h2>${esc(t.funding)}</h2>
<table><tr><th>${esc(t.kind)}</th><th class="n">${esc(t.raised)}</th><th class="n">${esc(t.committed)}</th></tr>${funding}</table>
<h2>${esc(t.stageTimes)}</h2>
${stageTimeChart(portfolio, lang)}
<table><tr><th></th><th class="n">${esc(t.staysEnded)}</th><th class="n">${esc(t.median)}</th><th class="n">${esc(t.p90)}</th></tr>${stageRows}</table>
<p><strong>${esc(t.bottleneck)}:</strong> ${esc(bottleneck)}</p>
<h2>${esc(t.companyList)}</h2>
<table><tr><th>${esc(t.companyName)}</th><th>${esc(t.registrationDate)}</th><th class="n">${esc(t.jobs)}</th></tr>${companies}</table>
</body>
</html>
`;
}
