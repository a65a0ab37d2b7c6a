import { Form } from 'antd';

/** Holds no input; the form control value it is given is ignored. */
function Anchor(_props: { value?: unknown; onChange?: unknown; id?: string }) {
  return null;
}

/**
 * Where refusals of a field with no input of its own are shown: the API names `amountFen`
 * while the user types yuan, or `mentorId` chosen in a table.
 */
export function FieldErrors({ name }: { name: string | (string | number)[] }) {
  return (
    <Form.Item name={name} style={{ marginBottom: 8 }}>
      <Anchor />
    </Form.Item>
  );
}
