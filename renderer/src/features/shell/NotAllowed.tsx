import { hrefOf } from './route';

/** A page the signed-in role may not open (the engine would refuse its calls too). */
export function NotAllowed({ why }: { why: string }) {
  return (
    <section className="not-allowed" role="alert" aria-label="Not allowed">
      <h2>Not allowed</h2>
      <p>{why}</p>
      <a href={hrefOf({ kind: 'library' })}>← Library</a>
    </section>
  );
}
