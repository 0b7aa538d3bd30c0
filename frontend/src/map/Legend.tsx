import { useI18n } from '../i18n';
import { IMPACT_COLOURS, IMPACTS, labelOf } from '../taxonomies/labels';
import { CHOROPLETH_STEPS, MEMBER_RING } from './layers';

function ChoroplethScale() {
  const { t, f } = useI18n();
  return (
    <>
      <p class="legend__title">{t('map.choroplethLegend')}</p>
      <ul>
        {CHOROPLETH_STEPS.map(([from, colour], i) => {
          const next = CHOROPLETH_STEPS[i + 1];
          const range = next ? (next[0] - 1 > from ? `${f.number(from)}–${f.number(next[0] - 1)}` : f.number(from)) : `${f.number(from)}+`;
          return (
            <li key={from}>
              <span class="legend__swatch legend__swatch--square" style={{ background: colour }} aria-hidden="true" />
              {range}
            </li>
          );
        })}
      </ul>
    </>
  );
}

export function Legend({ choropleth }: { choropleth: boolean }) {
  const { t, lang } = useI18n();
  return (
    <details class="legend">
      <summary>{t('map.legend')}</summary>
      <ul>
        {IMPACTS.map((item) => (
          <li key={item.code}>
            <span class="legend__swatch" style={{ background: IMPACT_COLOURS[item.code] }} aria-hidden="true" />
            {labelOf(item, lang, item.code)}
          </li>
        ))}
        <li>
          <span class="legend__swatch" style={{ background: '#ffffff', boxShadow: `0 0 0 3px ${MEMBER_RING} inset` }} aria-hidden="true" />
          {t('cluster.badge')}
        </li>
      </ul>
      {choropleth && <ChoroplethScale />}
    </details>
  );
}
