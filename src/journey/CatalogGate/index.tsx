import type { ComponentChildren } from 'preact';
import { useContext, useEffect } from 'preact/hooks';
import { useT } from '../../core/i18n';
import { PageIsHeld, usePage } from '../../core/page';
import { navigate } from '../../core/router';
import type { Product } from '../../loan';
import { loadCatalog, useCatalog } from '../catalog';
import { firstIncompleteStep, pathOf, type StepId } from '../flow';
import { currentFlowFacts } from '../progress';
import { answers } from '../store';

/** Props of CatalogGate. */
export interface CatalogGateProps {
  /** The page's title, used while the catalog is loading or could not be loaded. */
  title: string;
  /** The step this page is: earlier steps must be answered first, or the person is taken
   *  to the first one that is not (a bookmark or a reload can land anywhere). */
  step: StepId;
  children: (catalog: {
    products: readonly Product[];
    product: Product | null;
  }) => ComponentChildren;
}

/** Renders a page once the loan catalog is there; says so plainly while it loads, and offers
 *  a retry when it cannot be loaded. */
export function CatalogGate({ title, step, children }: CatalogGateProps) {
  const state = useCatalog();
  if (state.status === 'ready') {
    const product = state.catalog.products.find((p) => p.id === answers.value.productId) ?? null;
    const gap = firstIncompleteStep(currentFlowFacts(false).isComplete, step);
    if (gap) return <Redirect to={pathOf(gap)} />;
    return <>{children({ products: state.catalog.products, product })}</>;
  }
  return <CatalogWait title={title} isError={state.status !== 'loading'} onRetry={loadCatalog} />;
}

/** Sends the person to the first question when a page is opened before a loan is chosen.
 *  Not from a page held on screen while the next one loads: the address is the next page's
 *  by then (after Send, the answers are already cleared), and it must not be sent elsewhere. */
function Redirect({ to }: { to: string }) {
  const isHeld = useContext(PageIsHeld);
  useEffect(() => {
    if (!isHeld) navigate(to, { replace: true });
  }, [to, isHeld]);
  return null;
}

function CatalogWait(props: { title: string; isError: boolean; onRetry: () => void }) {
  const { t } = useT();
  usePage(props.title);
  return (
    <>
      <h1>{props.title}</h1>
      {props.isError ? (
        <>
          <p>{t('journey:catalogError')}</p>
          <button type="button" class="button button--primary" onClick={props.onRetry}>
            {t('journey:retry')}
          </button>
        </>
      ) : (
        <p>{t('journey:loading')}</p>
      )}
    </>
  );
}
