import { href, navigate } from './router';

/** Staff narrow a page to one partner (`#/<page>?partnerId=…`); an empty field shows every partner. */
export function PartnerFilter({ page, partnerId }: { page: string; partnerId?: string | undefined }) {
  return (
    <form
      class="inline-form"
      onSubmit={(event) => {
        event.preventDefault();
        const value = String(new FormData(event.currentTarget).get('partnerId') ?? '').trim();
        navigate(value ? `${href(page)}?${new URLSearchParams({ partnerId: value })}` : href(page));
      }}
    >
      <label for={`${page}-partner`}>Only the partner</label>
      <input id={`${page}-partner`} name="partnerId" defaultValue={partnerId ?? ''} size={12} />
      <button type="submit">Show</button>
    </form>
  );
}
