from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '_vigilance.md.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_vigilance = resolve('vigilance')
    l_0_points = missing
    try:
        t_1 = environment.filters['cellule']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'cellule' found.")
    try:
        t_2 = environment.filters['list']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'list' found.")
    try:
        t_3 = environment.filters['selectattr']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'selectattr' found.")
    pass
    l_0_points = t_2(context.eval_ctx, t_3(context, (undefined(name='vigilance') if l_0_vigilance is missing else l_0_vigilance), 'severite', 'in', ['bloquant', 'avertissement']))
    context.vars['points'] = l_0_points
    context.exported_vars.add('points')
    if (undefined(name='points') if l_0_points is missing else l_0_points):
        pass
        yield 'Les points suivants ressortent de l’analyse des réponses\xa0; ils sont classés du plus au moins urgent et sont à examiner ensemble avant la signature.\n\n| Niveau | Étape | Point de vigilance |\n|---------------|-------|----------------------------------------------|\n'
        for l_1_f in (undefined(name='points') if l_0_points is missing else l_0_points):
            l_1_severites = resolve('severites')
            _loop_vars = {}
            pass
            yield '| '
            yield escape(environment.finalize(t_1(context.call(environment.getattr((undefined(name='severites') if l_1_severites is missing else l_1_severites), 'get'), environment.getattr(l_1_f, 'severite'), environment.getattr(l_1_f, 'severite'), _loop_vars=_loop_vars))))
            yield ' | '
            yield escape(environment.finalize(environment.getattr(l_1_f, 'etape')))
            yield ' | '
            yield escape(environment.finalize(t_1(environment.getattr(l_1_f, 'titre'))))
            yield ' |\n'
        l_1_f = l_1_severites = missing
    else:
        pass
        yield 'Aucun point bloquant ni aucun avertissement ne ressort de l’analyse des réponses à ce stade.\n'

blocks = {}
debug_info = '6=31&7=34&12=37&13=42'