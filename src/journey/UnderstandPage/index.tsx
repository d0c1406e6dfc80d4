import { useState } from 'preact/hooks';
import { useT } from '../../core/i18n';
import { answerLines, choicesLine } from '../../core/page-script';
import { navigate } from '../../core/router';
import { ChoiceGroup } from '../../ui/ChoiceGroup';
import { CatalogGate } from '../CatalogGate';
import { nextPath } from '../flow';
import { factsOf, money, scheduleFor } from '../product-view';
import { MAX_TEACH_BACK_ATTEMPTS, useFlowFacts } from '../progress';
import { QuestionPage } from '../QuestionPage';
import { answers, saveAnswers } from '../store';
import { teachBackChoices } from './teach-back';

/** "Do you understand?": a teach-back question built from the applicant's own figures.
 *  A wrong answer explains the figure and asks again; it never blocks for ever. */
export function UnderstandPage() {
  const { t, lang } = useT();
  const facts = useFlowFacts();
  const [choice, setChoice] = useState<string | null>(null);
  const [feedback, setFeedback] = useState<'none' | 'missing' | 'wrong'>('none');
  const [attempt, setAttempt] = useState(0);
  const a = answers.value;
  return (
    <CatalogGate title={t('understand:title')} step="understand">
      {({ product }) => {
        if (!product || a.amount === null || a.months === null || a.method === null) return null;
        const f = factsOf(product);
        const fmt = (minor: number) => money(minor, f.currency, lang);
        const schedule = scheduleFor(f, a.amount, a.months, a.method);
        const correct = schedule.instalments[0]?.payment ?? 0;
        const isFalling = a.method === 'equal-principal';
        const title = isFalling ? t('understand:titleFirst') : t('understand:title');
        const choices = teachBackChoices(schedule, a.amount);
        const canGoOn = a.teachBackCorrect || a.teachBackAttempts >= MAX_TEACH_BACK_ATTEMPTS;
        const monthly = fmt(correct);
        const total = fmt(schedule.totalPayable);
        const explanation = isFalling
          ? t('understand:explainFirst', { monthly, count: a.months, total })
          : t('understand:explain', { monthly, count: a.months, total });
        const onContinue = () => {
          setAttempt((n) => n + 1);
          if (choice === null && !canGoOn) {
            setFeedback('missing');
            return;
          }
          if (choice !== null && !a.teachBackCorrect) {
            const isRight = Number(choice) === correct;
            saveAnswers({
              teachBackCorrect: isRight,
              teachBackAttempts: a.teachBackAttempts + 1,
            });
            if (!isRight) {
              setFeedback('wrong');
              setChoice(null);
              return;
            }
          }
          navigate(nextPath('understand', answers.value, facts(false)));
        };
        const message =
          feedback === 'missing'
            ? t('understand:errors.required')
            : feedback === 'wrong'
              ? `${t('understand:notQuite')} ${explanation} ${t('understand:chooseAgain')}`
              : null;
        return (
          <QuestionPage
            step="understand"
            title={title}
            errors={message ? [{ fieldId: 'teach-back', message }] : []}
            attempt={attempt}
            onContinue={onContinue}
            speech={[
              t('understand:hint'),
              choicesLine(t, lang, choices.map(fmt)),
              ...answerLines(t, choice && fmt(Number(choice))),
              ...(a.teachBackCorrect ? [t('understand:right', { monthly: fmt(correct) })] : []),
            ]}
          >
            <ChoiceGroup
              id="teach-back"
              name="teach-back"
              legend={<h1>{title}</h1>}
              hint={t('understand:hint')}
              error={message}
              value={choice}
              options={choices.map((value) => ({
                value: String(value),
                label: fmt(value),
              }))}
              onChange={setChoice}
            />
            {a.teachBackCorrect && (
              <p class="panel">{t('understand:right', { monthly: fmt(correct) })}</p>
            )}
            {!a.teachBackCorrect && a.teachBackAttempts >= MAX_TEACH_BACK_ATTEMPTS && (
              <p class="panel">{t('understand:goOn', { explanation })}</p>
            )}
          </QuestionPage>
        );
      }}
    </CatalogGate>
  );
}
